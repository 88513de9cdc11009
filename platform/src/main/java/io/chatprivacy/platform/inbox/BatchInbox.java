package io.chatprivacy.platform.inbox;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.events.CloudEventHeaders;
import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The idempotent consumer for a whole Kafka poll at a time (a channel consuming {@code List<ConsumerRecord>}):
 * a batch of hundreds of events is applied in one transaction, with every event id remembered in it,
 * instead of one transaction per event (for deletion-service's chat archives, a twentyfold difference in
 * ingest rate).
 *
 * <p>It keeps the platform's guarantees: an event id already remembered is skipped (the same table
 * and consumer name as {@link IdempotentConsumer}, so both ways see each other's ids); a record that
 * breaks the contract goes to the dead-letter topic alone; if the batch transaction fails, every record
 * is retried on its own through {@link IdempotentConsumer} (with its retries for transient failures), and
 * only the ones that still fail are dead-lettered.
 */
@ApplicationScoped
public class BatchInbox {

    private static final Logger LOG = Logger.getLogger(BatchInbox.class);

    /** A record read and checked: its event and its data. */
    private record Checked<T>(ConsumerRecord<String, String> record, IncomingEvent event, UUID accountId, T data) {}

    private final AgroalDataSource dataSource;
    private final IdempotentConsumer inbox;
    private final EventData inbound;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;
    private final String service;

    BatchInbox(
            AgroalDataSource dataSource,
            IdempotentConsumer inbox,
            EventData inbound,
            DeadLetters deadLetters,
            MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.inbox = inbox;
        this.inbound = inbound;
        this.deadLetters = deadLetters;
        this.meters = meters;
        this.service = service;
    }

    /**
     * Applies {@code effect} once per account to the data of the batch's new events of {@code type}
     * (other types are skipped), in one transaction.
     *
     * @param accountOf the account a data record names (may be null), checked against {@code ce_accountid}
     */
    public <T> void process(
            List<ConsumerRecord<String, String>> records,
            String type,
            Class<T> dataType,
            Function<T, UUID> accountOf,
            BiConsumer<UUID, List<T>> effect) {
        if (records.isEmpty()) {
            return;
        }
        String topic = records.get(0).topic();
        List<Checked<T>> checked = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            try {
                IncomingEvent event = IncomingEvent.from(record);
                if (!type.equals(event.type())) {
                    count(topic, event.type(), "ignored");
                    continue;
                }
                T data = inbound.read(event, dataType);
                checked.add(new Checked<>(record, event, inbound.account(event, accountOf.apply(data)), data));
            } catch (PoisonEventException e) {
                count(topic, type, "poison");
                deadLetters.send(deadLetterTopic(topic), record, e);
            }
        }
        if (checked.isEmpty()) {
            return;
        }
        try {
            int applied = QuarkusTransaction.requiringNew().call(() -> applyAll(topic, checked, effect));
            count(topic, type, "processed", applied);
            count(topic, type, "duplicate", checked.size() - applied);
        } catch (RuntimeException e) {
            LOG.warnf(
                    "A batch of %d events on %s failed (%s); processing them one by one",
                    checked.size(), topic, e.getClass().getSimpleName());
            for (Checked<T> one : checked) {
                try {
                    inbox.process(one.event(), event -> effect.accept(one.accountId(), List.of(one.data())));
                } catch (RuntimeException failed) {
                    deadLetters.send(deadLetterTopic(topic), one.record(), failed);
                }
            }
        }
    }

    /**
     * For a batch channel on a topic whose bulk is none of this consumer's business (consent grants, for a
     * service that waits for one kind of opt-out): a record declaring another type than {@code wanted} in its
     * {@code ce_type} header is skipped without being parsed; every other record goes through {@link
     * IdempotentConsumer} on its own (its own transaction, its retries), and one that still fails goes to the
     * dead-letter topic alone. Per record, this is what a record-at-a-time channel does, without the
     * connector's cost of dispatching and acknowledging each skipped record on its own.
     */
    public void processEach(
            List<ConsumerRecord<String, String>> records, String wanted, Consumer<IncomingEvent> effect) {
        for (ConsumerRecord<String, String> record : records) {
            if (CloudEventHeaders.declaresOtherType(record, wanted)) {
                continue;
            }
            try {
                inbox.process(record, effect);
            } catch (RuntimeException failed) {
                deadLetters.send(deadLetterTopic(record.topic()), record, failed);
            }
        }
    }

    private <T> int applyAll(String topic, List<Checked<T>> checked, BiConsumer<UUID, List<T>> effect)
            throws SQLException {
        boolean[] fresh = remember(service + "/" + topic, checked);
        Map<UUID, List<T>> byAccount = new LinkedHashMap<>();
        int applied = 0;
        for (int i = 0; i < checked.size(); i++) {
            if (fresh[i]) {
                byAccount
                        .computeIfAbsent(checked.get(i).accountId(), a -> new ArrayList<>())
                        .add(checked.get(i).data());
                applied++;
            }
        }
        byAccount.forEach(effect);
        return applied;
    }

    /**
     * Remembers the events' ids; true for those not seen before (also within this batch: the first of two
     * copies is fresh). One statement for the whole batch, whose {@code returning} says which ids are new,
     * so it does not depend on the driver reporting a count per batched row (which it does not when it
     * rewrites batched inserts).
     */
    private <T> boolean[] remember(String consumer, List<Checked<T>> checked) throws SQLException {
        boolean[] fresh = new boolean[checked.size()];
        String[] ids = new String[checked.size()];
        String[] types = new String[checked.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = checked.get(i).event().id();
            types[i] = checked.get(i).event().type();
        }
        Set<String> inserted = new HashSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("insert into processed_event (consumer, event_id, event_type)"
                                + " select ?, e.id, e.type from unnest(?::text[], ?::text[]) as e(id, type)"
                                + " on conflict do nothing returning event_id")) {
            insert.setString(1, consumer);
            insert.setArray(2, connection.createArrayOf("text", ids));
            insert.setArray(3, connection.createArrayOf("text", types));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        }
        for (int i = 0; i < ids.length; i++) {
            fresh[i] = inserted.remove(ids[i]);
        }
        return fresh;
    }

    /** The house convention for a channel's dead-letter topic: {@code <service>.<topic>.dlq}. */
    private String deadLetterTopic(String topic) {
        return service + "." + topic + ".dlq";
    }

    private void count(String topic, String type, String outcome) {
        count(topic, type, outcome, 1);
    }

    private void count(String topic, String type, String outcome, int amount) {
        if (amount > 0) {
            meters.counter("inbox.events", "topic", topic, "type", type, "outcome", outcome)
                    .increment(amount);
        }
    }
}
