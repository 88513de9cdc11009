package io.chatprivacy.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.chatprivacy.infra.KafkaBroker;
import io.chatprivacy.infra.testing.InjectKafkaBroker;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.CloudEventHeaders;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.chatprivacy.platform.testapp.BackboneConsumer;
import io.chatprivacy.platform.testapp.TestEffects;
import io.chatprivacy.platform.testapp.TestEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The messaging backbone against a real Kafka broker and a real PostgreSQL: the outbox publishes
 * exactly what committed, survives a dead relay and a dead broker; the consumer applies each
 * event once, retries transient failures and sends poison to its dead-letter topic.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(
        value = PostgresResource.class,
        initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(JwtResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackboneTest {

    private static final String CONSUMED_TOPIC = "backbone-test";
    private static final String DLQ = "platform-test.backbone-test.dlq";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    IdempotentConsumer inbox;

    @Inject
    TestEffects effects;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectKafkaBroker
    KafkaBroker broker;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    @Order(1)
    void rollbackPublishesNothing() {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        List<UUID> rolledBack = new ArrayList<>();
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                rolledBack.add(outbox.publish(event(topic, account, "rolled-back", 1)));
                throw new IllegalStateException("the state change failed");
            });
        } catch (RuntimeException expected) {
            // the transaction rolled back
        }
        UUID sentinel =
                QuarkusTransaction.requiringNew().call(() -> outbox.publish(event(topic, account, "sentinel", 2)));

        List<ConsumerRecord<String, String>> records = readUntil(topic, Set.of(sentinel.toString()));

        assertThat(ids(records))
                .containsExactly(sentinel.toString())
                .doesNotContain(rolledBack.get(0).toString());
        assertThat(effects.unpublished(account.toString())).isZero();
    }

    @Test
    @Order(2)
    void eventsAreCloudEventsKeyedByAccount() {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        UUID id = QuarkusTransaction.requiringNew().call(() -> outbox.publish(event(topic, account, "shape", 1)));

        ConsumerRecord<String, String> record =
                readUntil(topic, Set.of(id.toString())).get(0);

        assertThat(record.key()).isEqualTo(account.toString());
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("test.happened.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/platform-test");
        assertThat(header(record, CloudEventHeaders.ACCOUNT_ID)).isEqualTo(account.toString());
        assertThat(header(record, CloudEventHeaders.SCHEMA_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(header(record, CloudEventHeaders.TIME)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(record.value()).isEqualTo("{\"marker\":\"shape\",\"sequence\":1}");
    }

    @Test
    @Order(2)
    void aBatchOfEventsCommitsAndIsPublishedInOrderOrNotAtAll() {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        List<TestEvent> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(event(topic, account, "batch", i));
        }
        List<UUID> rolledBack = new ArrayList<>();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    rolledBack.addAll(outbox.publishAll(batch.subList(0, 10)));
                    throw new IllegalStateException("roll back");
                }))
                .isInstanceOf(IllegalStateException.class);
        List<UUID> ids = QuarkusTransaction.requiringNew().call(() -> outbox.publishAll(batch));
        assertThat(ids).hasSize(300).doesNotHaveDuplicates();

        List<ConsumerRecord<String, String>> records =
                readUntil(topic, ids.stream().map(UUID::toString).collect(java.util.stream.Collectors.toSet()));

        // one account's events keep their order; nothing of the rolled-back batch went out
        assertThat(ids(records))
                .containsExactlyElementsOf(ids.stream().map(UUID::toString).toList());
        assertThat(ids(records))
                .doesNotContainAnyElementsOf(
                        rolledBack.stream().map(UUID::toString).toList());
        assertThat(records.get(299).value()).isEqualTo("{\"marker\":\"batch\",\"sequence\":299}");
    }

    @Test
    @Order(3)
    void relayKilledAfterCommitPublishesEveryEventWhenRestarted() {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        relay.stop();
        List<String> committed = new ArrayList<>();
        try {
            for (int i = 0; i < 25; i++) {
                int sequence = i;
                committed.add(QuarkusTransaction.requiringNew()
                        .call(() -> outbox.publish(event(topic, account, "after-kill", sequence)))
                        .toString());
            }
            assertThat(effects.unpublished(account.toString())).isEqualTo(25);
        } finally {
            relay.start();
        }

        List<ConsumerRecord<String, String>> records = readUntil(topic, Set.copyOf(committed));

        assertThat(ids(records)).containsExactlyElementsOf(committed);
        await().atMost(WAIT).until(() -> effects.unpublished(account.toString()) == 0);
    }

    @Test
    @Order(4)
    void redeliveryOfTheSameEventChangesNothing() {
        String marker = "redelivered-" + UUID.randomUUID();
        String sentinel = "after-redelivery-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        ProducerRecord<String, String> event = cloudEvent(key, UUID.randomUUID().toString(), marker);

        kafka.produce(String.class, String.class)
                .fromRecords(
                        event, event, event, cloudEvent(key, UUID.randomUUID().toString(), sentinel))
                .awaitCompletion();

        await().atMost(WAIT).until(() -> effects.effects(sentinel) == 1);
        assertThat(effects.effects(marker)).isEqualTo(1);
    }

    @Test
    @Order(5)
    void transientFailuresAreRetriedAndAppliedOnce() {
        String marker = "flaky-" + UUID.randomUUID();
        BackboneConsumer.TRANSIENT_FAILURES.put(marker, new AtomicInteger(2));
        String key = UUID.randomUUID().toString();

        kafka.produce(String.class, String.class)
                .fromRecords(cloudEvent(key, UUID.randomUUID().toString(), marker))
                .awaitCompletion();

        await().atMost(WAIT).until(() -> effects.effects(marker) == 1);
        assertThat(BackboneConsumer.TRANSIENT_FAILURES.get(marker).get()).isNegative();
    }

    @Test
    @Order(6)
    void poisonMessageGoesToTheDeadLetterTopicAndDoesNotBlockThePartition() {
        String key = UUID.randomUUID().toString();
        String poisonId = UUID.randomUUID().toString();
        String after = "after-poison-" + UUID.randomUUID();
        ProducerRecord<String, String> noHeaders = new ProducerRecord<>(CONSUMED_TOPIC, key, "{\"marker\":\"x\"}");
        ProducerRecord<String, String> notJson = new ProducerRecord<>(
                CONSUMED_TOPIC,
                null,
                key,
                "not json at all",
                cloudEvent(key, poisonId, "x").headers());

        kafka.produce(String.class, String.class)
                .fromRecords(
                        noHeaders, notJson, cloudEvent(key, UUID.randomUUID().toString(), after))
                .awaitCompletion();

        await().atMost(WAIT).until(() -> effects.effects(after) == 1);
        ConsumerTask<String, String> dead = kafka.consumeStrings()
                .withGroupId("dlq-reader-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(DLQ)
                .awaitRecords(2, WAIT);
        List<ConsumerRecord<String, String>> ours =
                dead.getRecords().stream().filter(r -> key.equals(r.key())).collect(Collectors.toList());
        assertThat(ours).extracting(ConsumerRecord::value).contains("{\"marker\":\"x\"}", "not json at all");
        assertThat(ours)
                .allSatisfy(r ->
                        assertThat(r.headers().lastHeader("dead-letter-reason")).isNotNull());
    }

    @Test
    @Order(7)
    void eventsCommittedWhileTheBrokerIsDownAreDeliveredWhenItComesBack() {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        // make sure the topic exists before the outage, as it would in production
        UUID first =
                QuarkusTransaction.requiringNew().call(() -> outbox.publish(event(topic, account, "before-outage", 0)));
        readUntil(topic, Set.of(first.toString()));

        List<String> committed = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 1; i <= 10; i++) {
                int sequence = i;
                committed.add(QuarkusTransaction.requiringNew()
                        .call(() -> outbox.publish(event(topic, account, "during-outage", sequence)))
                        .toString());
            }
            assertThat(effects.unpublished(account.toString())).isEqualTo(10);
        } finally {
            broker.restart();
        }

        List<ConsumerRecord<String, String>> records = readUntil(topic, Set.copyOf(committed));

        assertThat(ids(records)).containsSubsequence(committed);
        await().atMost(WAIT).until(() -> effects.unpublished(account.toString()) == 0);
    }

    @Test
    @Order(8)
    void aReplicaGoneMidRoundWithItsConnectionOpenIsTakenOverWithoutHelp() throws Exception {
        String topic = uniqueTopic();
        UUID account = UUID.randomUUID();
        // another replica's round took the relay lock, then its host vanished: its connection stays open and
        // nobody on that end speaks again (a connection of its own, not the pool's: PostgreSQL will end it)
        try (Connection vanished = DriverManager.getConnection(jdbcUrl, username, password)) {
            vanished.setAutoCommit(false);
            await().atMost(WAIT).until(() -> OutboxRelay.tryRelayLock(vanished, Duration.ofSeconds(2)));
            UUID id = QuarkusTransaction.requiringNew()
                    .call(() -> outbox.publish(event(topic, account, "taken-over", 1)));

            // this replica's relay publishes it once PostgreSQL has ended the abandoned round; nobody steps in
            readUntil(topic, Set.of(id.toString()));
            assertThat(vanished.isValid(5)).isFalse();
        }
    }

    @Test
    @Order(9)
    void theSameEventOnTwoReplicasAtOnceIsAppliedOnce() throws Exception {
        ProducerRecord<String, String> sent =
                cloudEvent(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "twice-at-once");
        // a rebalance hands the partition over while the first replica is still applying the event
        ConsumerRecord<String, String> delivered = new ConsumerRecord<>(
                "rebalanced-test",
                0,
                0L,
                0L,
                TimestampType.CREATE_TIME,
                -1,
                -1,
                sent.key(),
                sent.value(),
                sent.headers(),
                Optional.empty());
        AtomicInteger applied = new AtomicInteger();
        CountDownLatch firstApplying = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = replicas.submit(() -> inbox.process(delivered, event -> {
                applied.incrementAndGet();
                firstApplying.countDown();
                // still in the first's transaction: the second's remembering of the same id waits for it
                await().atMost(WAIT).until(() -> waitingOnALock() == 1);
            }));
            assertThat(firstApplying.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            Future<?> second = replicas.submit(() -> inbox.process(delivered, event -> applied.incrementAndGet()));
            first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            replicas.shutdownNow();
        }
        assertThat(applied).hasValue(1);
    }

    /** Sessions other than the caller's waiting for a lock on a remembered event id. */
    private long waitingOnALock() throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, username, password);
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and query like '%processed_event%' and pid <> pg_backend_pid()");
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private static TestEvent event(String topic, UUID account, String marker, int sequence) {
        return new TestEvent(topic, account, marker, sequence);
    }

    /**
     * A fresh topic, created before anything is published to it, as every topic of the system is (declared by
     * the deployment, never auto-created by a first send). Auto-creation during the first batch can make the
     * idempotent producer fail a send it then repeats: at least once, as the outbox promises, but these tests
     * count exact copies.
     */
    private String uniqueTopic() {
        String topic = "backbone-out-" + UUID.randomUUID();
        kafka.topics().createAndWait(topic, 3);
        return topic;
    }

    private List<ConsumerRecord<String, String>> readUntil(String topic, Set<String> expectedIds) {
        List<ConsumerRecord<String, String>> seen = new ArrayList<>();
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withGroupId("reader-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(topic);
        try {
            await().atMost(WAIT).until(() -> ids(task.getRecords()).containsAll(expectedIds));
            seen.addAll(task.getRecords());
        } finally {
            task.stop();
        }
        return seen;
    }

    private static List<String> ids(List<ConsumerRecord<String, String>> records) {
        return records.stream().map(r -> header(r, CloudEventHeaders.ID)).collect(Collectors.toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static ProducerRecord<String, String> cloudEvent(String key, String id, String marker) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.SOURCE, "/test".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.TYPE, "test.happened.v1".getBytes(StandardCharsets.UTF_8));
        headers.add(CloudEventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                CONSUMED_TOPIC, null, key, "{\"marker\":\"" + marker + "\",\"sequence\":1}", headers);
    }
}
