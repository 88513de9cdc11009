package io.chatprivacy.platform.inbox;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.config.PlatformConfig;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.events.TransientEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs an event's effect exactly once per consumer: the event id is remembered in the same
 * transaction as the effect, so a redelivered event changes nothing.
 *
 * <p>Use it from an {@code @Incoming} method annotated {@code @Blocking} (and <em>not</em>
 * {@code @Transactional}: each attempt gets its own transaction here). Transient failures are
 * retried with exponential back-off; poison events and failures that outlast the retries are
 * rethrown, so the channel's {@code dead-letter-queue} failure strategy moves the record to the
 * consumer's dead-letter topic and the partition goes on.
 */
@ApplicationScoped
public class IdempotentConsumer {

    private static final Logger LOG = Logger.getLogger(IdempotentConsumer.class);

    private final AgroalDataSource dataSource;
    private final PlatformConfig.Inbox config;
    private final MeterRegistry meters;
    private final String service;

    IdempotentConsumer(
            AgroalDataSource dataSource,
            PlatformConfig config,
            MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.config = config.inbox();
        this.meters = meters;
        this.service = service;
    }

    /** Parses the record as a CloudEvent and applies {@code effect} to it at most once. */
    public void process(ConsumerRecord<String, String> record, Consumer<IncomingEvent> effect) {
        IncomingEvent event;
        try {
            event = IncomingEvent.from(record);
        } catch (PoisonEventException e) {
            count(record.topic(), "unknown", "poison");
            LOG.errorf(
                    e,
                    "Poison record on %s/%d@%d goes to the dead-letter topic",
                    record.topic(),
                    record.partition(),
                    record.offset());
            throw e;
        }
        process(event, effect);
    }

    /** Applies {@code effect} to an already parsed event at most once. */
    public void process(IncomingEvent event, Consumer<IncomingEvent> effect) {
        String consumer = service + "/" + event.topic();
        long backoff = config.initialBackoff().toMillis();
        for (int attempt = 1; ; attempt++) {
            try {
                boolean applied = QuarkusTransaction.requiringNew().call(() -> {
                    if (!remember(consumer, event)) {
                        return false;
                    }
                    effect.accept(event);
                    return true;
                });
                count(event.topic(), event.type(), applied ? "processed" : "duplicate");
                return;
            } catch (RuntimeException e) {
                if (!isTransient(e) || attempt >= config.maxAttempts()) {
                    count(event.topic(), event.type(), isPoison(e) ? "poison" : "failed");
                    LOG.errorf(
                            e,
                            "Event %s of type %s on %s failed after %d attempt(s); it goes to the dead-letter topic",
                            event.id(),
                            event.type(),
                            event.topic(),
                            attempt);
                    throw e;
                }
                LOG.warnf(
                        "Event %s of type %s failed transiently (attempt %d of %d), retrying in %d ms: %s",
                        event.id(),
                        event.type(),
                        attempt,
                        config.maxAttempts(),
                        backoff,
                        e.getClass().getSimpleName());
                sleep(backoff);
                backoff = Math.min(backoff * 2, config.maxBackoff().toMillis());
            }
        }
    }

    private boolean remember(String consumer, IncomingEvent event) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into processed_event (consumer, event_id, event_type) values (?, ?, ?)"
                                + " on conflict do nothing")) {
            insert.setString(1, consumer);
            insert.setString(2, event.id());
            insert.setString(3, event.type());
            return insert.executeUpdate() == 1;
        }
    }

    private void count(String topic, String type, String outcome) {
        meters.counter("inbox.events", "topic", topic, "type", type, "outcome", outcome)
                .increment();
    }

    static boolean isPoison(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PoisonEventException) {
                return true;
            }
        }
        return false;
    }

    /** A failure worth another attempt: lock conflicts, lost connections, serialisation failures. */
    static boolean isTransient(Throwable e) {
        if (isPoison(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientEventException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException
                    || t instanceof OptimisticLockException
                    || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 40xxx: serialisation failure / deadlock; 08xxx: connection; 53xxx: insufficient resources;
                // 57P0x: server shutting down
                if (state.startsWith("40")
                        || state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57P")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientEventException("interrupted while backing off", e);
        }
    }
}
