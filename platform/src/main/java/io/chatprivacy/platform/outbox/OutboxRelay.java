package io.chatprivacy.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.config.PlatformConfig;
import io.chatprivacy.platform.events.CloudEventHeaders;
import io.chatprivacy.platform.worker.WorkerLoop;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes committed outbox rows to Kafka, in commit order, at least once.
 *
 * <p>A single background thread takes a batch of unpublished rows under a PostgreSQL advisory lock
 * (so only one replica relays at a time and per-key order holds), sends them with an idempotent
 * producer, waits for every acknowledgement and only then marks them published, in the same
 * transaction. A crash anywhere in between leaves rows unpublished, to be sent again: consumers are
 * idempotent, so a repeat changes nothing. While Kafka is unreachable the relay backs off and
 * retries; nothing is dropped.
 *
 * <p>A broker outage does not repeat anything: a batch handed to the producer is never given up
 * (no delivery timeout) and never handed over again while this relay lives. A round that waits in
 * vain for its acknowledgements keeps the batch in flight, and the next round waits for the same
 * records. The producer goes on retrying them with their original sequence numbers, so a record
 * the broker had written but could not acknowledge before it went away is recognised as a
 * duplicate and stored once (the FaultsIT broker outage had shown repeats on {@code
 * consent-events} when expired records were sent again as new ones). Only a crash or a stop of
 * the relay (and a second replica taking over meanwhile) still sends a batch again.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Advisory lock id shared by every replica of a service (each service has its own database). */
    private static final long RELAY_LOCK = 0x6f7574626f78L;

    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final AgroalDataSource dataSource;
    private final PlatformConfig.Outbox config;
    private final Map<String, Object> kafkaConfig;
    private final MeterRegistry meters;

    private final WorkerLoop loop;
    private KafkaProducer<String, String> producer;
    /** The rows handed to the producer and not yet acknowledged, with their acknowledgements. */
    private InFlight inFlight;

    OutboxRelay(
            AgroalDataSource dataSource,
            PlatformConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            MeterRegistry meters) {
        this.dataSource = dataSource;
        this.config = config.outbox();
        this.kafkaConfig = kafkaConfig;
        this.meters = meters;
        Counter failures = meters.counter("outbox.relay.failures");
        this.loop = new WorkerLoop(
                "outbox-relay",
                () -> relayBatch() >= this.config.batchSize(),
                new WorkerLoop.Pacing(this.config.pollInterval(), Duration.ofMillis(200), this.config.maxBackoff()),
                failures::increment);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.relayEnabled()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Starts relaying (idempotent). */
    public synchronized void start() {
        if (loop.isRunning()) {
            return;
        }
        producer = createProducer();
        inFlight = null;
        loop.start();
    }

    /**
     * Stops relaying as abruptly as a process would die: the worker is interrupted and the producer
     * closed without waiting. Unacknowledged rows stay unpublished and are sent after {@link #start()}.
     */
    public synchronized void stop() {
        if (!loop.isRunning()) {
            return;
        }
        loop.stopAbruptly(Duration.ofSeconds(10));
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
        inFlight = null;
    }

    public boolean isRunning() {
        return loop.isRunning();
    }

    /** Asks the relay to look for new rows now rather than at its next poll. */
    public void wakeUp() {
        loop.wakeUp();
    }

    /** Sends one batch; returns how many rows were published. */
    int relayBatch() {
        int published = QuarkusTransaction.requiringNew().timeout(120).call(this::relayBatchInTransaction);
        if (published > 0) {
            // forgotten only once marked and committed: a failed commit marks the same batch next round
            inFlight = null;
        }
        return published;
    }

    private int relayBatchInTransaction() throws SQLException, InterruptedException {
        try (Connection connection = dataSource.getConnection()) {
            if (!tryRelayLock(connection, config.takeoverAfter())) {
                return 0;
            }
            InFlight batch = inFlight;
            if (batch == null) {
                List<Row> rows = unpublished(connection);
                if (rows.isEmpty()) {
                    return 0;
                }
                batch = new InFlight(rows, new ArrayList<>(rows.size()));
                inFlight = batch;
            }
            // a send that throws (no metadata while the broker is away) leaves those before it in flight:
            // the next round goes on from there, in order
            for (int i = batch.acks().size(); i < batch.rows().size(); i++) {
                batch.acks().add(producer.send(batch.rows().get(i).toRecord()));
            }
            awaitAcknowledgements(batch);
            List<Row> rows = batch.rows();
            markPublished(connection, rows);
            // one counter look-up per topic and batch, not per row: this runs on every relayed event
            rows.stream()
                    .collect(java.util.stream.Collectors.groupingBy(Row::topic, java.util.stream.Collectors.counting()))
                    .forEach((topic, count) -> meters.counter("outbox.events.published", "topic", topic)
                            .increment(count));
            return rows.size();
        }
    }

    /**
     * Waits up to 60 s for the batch's acknowledgements. On a timeout the batch stays in flight for
     * the next round; if the producer failed a record for good (it gives up only on errors that no
     * retry cures), the batch is dropped from memory and its rows, still unpublished, are sent again
     * next round.
     */
    private void awaitAcknowledgements(InFlight batch) throws InterruptedException {
        for (Future<RecordMetadata> ack : batch.acks()) {
            try {
                ack.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(
                        "Kafka has not acknowledged the outbox batch yet; still waiting for it", e);
            } catch (java.util.concurrent.ExecutionException e) {
                inFlight = null;
                throw new IllegalStateException("Kafka did not acknowledge an outbox event", e);
            }
        }
    }

    /**
     * Takes the relay lock for the connection's transaction, if no other replica holds it. The transaction is
     * ended by PostgreSQL itself once idle for {@code takeoverAfter}: a replica that vanishes mid-round without
     * closing its connection would otherwise hold the lock, and stop every replica's relay, until the server's
     * TCP keepalive noticed (two hours by default).
     */
    static boolean tryRelayLock(Connection connection, Duration takeoverAfter) throws SQLException {
        try (PreparedStatement timeout =
                connection.prepareStatement("select set_config('idle_in_transaction_session_timeout', ?, true)")) {
            timeout.setString(1, Long.toString(takeoverAfter.toMillis()));
            timeout.executeQuery().close();
        }
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            statement.setLong(1, RELAY_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private List<Row> unpublished(Connection connection) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "select seq, id, topic, event_key, type, source, account_id, subject, schema_version,"
                        + " occurred_at, payload from outbox_event where published_at is null"
                        + " order by seq limit ?")) {
            select.setInt(1, config.batchSize());
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(
                            result.getLong("seq"),
                            result.getString("id"),
                            result.getString("topic"),
                            result.getString("event_key"),
                            result.getString("type"),
                            result.getString("source"),
                            result.getString("account_id"),
                            result.getString("subject"),
                            result.getString("schema_version"),
                            result.getObject("occurred_at", java.time.OffsetDateTime.class)
                                    .withOffsetSameInstant(ZoneOffset.UTC)
                                    .format(RFC3339),
                            result.getString("payload")));
                }
            }
        }
        return rows;
    }

    private void markPublished(Connection connection, List<Row> rows) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "update outbox_event set published_at = now(), attempts = attempts + 1 where seq = any(?)")) {
            Long[] seqs = rows.stream().map(Row::seq).toArray(Long[]::new);
            update.setArray(1, connection.createArrayOf("bigint", seqs));
            update.executeUpdate();
        }
    }

    private KafkaProducer<String, String> createProducer() {
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (ProducerConfig.configNames().contains(name)) {
                props.put(name, value);
            }
        });
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // never give a record up: one sent again as a new record after an expiry would be a second
        // copy of every record the broker had written but not acknowledged when it went away
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2_000);
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaProducer<>(props);
    }

    private record InFlight(List<Row> rows, List<Future<RecordMetadata>> acks) {}

    private record Row(
            long seq,
            String id,
            String topic,
            String key,
            String type,
            String source,
            String accountId,
            String subject,
            String schemaVersion,
            String time,
            String payload) {

        ProducerRecord<String, String> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            headers.add(CloudEventHeaders.SPEC_VERSION, bytes(CloudEventHeaders.SPEC_VERSION_VALUE));
            headers.add(CloudEventHeaders.ID, bytes(id));
            headers.add(CloudEventHeaders.SOURCE, bytes(source));
            headers.add(CloudEventHeaders.TYPE, bytes(type));
            headers.add(CloudEventHeaders.TIME, bytes(time));
            headers.add(CloudEventHeaders.CONTENT_TYPE, bytes(CloudEventHeaders.JSON));
            headers.add(CloudEventHeaders.SCHEMA_VERSION, bytes(schemaVersion));
            if (accountId != null) {
                headers.add(CloudEventHeaders.ACCOUNT_ID, bytes(accountId));
            }
            if (subject != null) {
                headers.add(CloudEventHeaders.SUBJECT, bytes(subject));
            }
            return new ProducerRecord<>(topic, null, key, payload, headers);
        }

        private static byte[] bytes(String value) {
            return value.getBytes(StandardCharsets.UTF_8);
        }
    }
}
