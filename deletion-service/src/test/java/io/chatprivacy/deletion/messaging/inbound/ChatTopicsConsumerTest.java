package io.chatprivacy.deletion.messaging.inbound;

import static io.chatprivacy.deletion.Fixtures.WAIT;
import static io.chatprivacy.deletion.Fixtures.agent;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The consumer side of the chat platform's topics, fed with the golden samples in
 * contracts/chat-transcripts, contracts/chat-tickets and contracts/chat-tags.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class ChatTopicsConsumerTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Test
    void anArchivedChatSentTwiceIsOneChatCarryingItsTags() {
        UUID account = UUID.randomUUID();
        GoldenEvent first = sample("chat-transcripts", "chat.archived.v1", account);
        GoldenEvent again = sample("chat-transcripts", "chat.archived.v1", account); // same chat, new event id
        double duplicatesBefore = duplicates("chat-transcripts");

        kafka.produce(String.class, String.class)
                .fromRecords(first.toRecord(), first.toRecord(), again.toRecord())
                .awaitCompletion();

        await().atMost(WAIT).until(() -> chats(account) == 1 && processed(account, "chat-transcripts") >= 2);
        assertThat(chats(account)).isEqualTo(1);
        assertThat(processed(account, "chat-transcripts")).isEqualTo(2);
        // the second copy of the first event was recognised (in its batch or a later one), not applied again
        await().atMost(WAIT).until(() -> duplicates("chat-transcripts") - duplicatesBefore >= 1);
        assertThat(duplicates("chat-transcripts") - duplicatesBefore).isEqualTo(1.0);
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/chats/chat-7Q2M4K", account)
                .then()
                .statusCode(200)
                .body("visitorEmail", equalTo("jane.visitor@example.com"))
                .body("messages[0].text", equalTo("Hi, my order 1234 has not arrived yet."))
                .body("tags", contains("Delete"));
    }

    @Test
    void ticketsAndTagChangesArriveOnTheirOwnTopics() {
        UUID account = UUID.randomUUID();
        kafka.produce(String.class, String.class)
                .fromRecords(
                        sample("chat-tickets", "ticket.archived.v1", account).toRecord())
                .awaitCompletion();
        await().atMost(WAIT)
                .until(() ->
                        new Sql(dataSource).count("select count(*) from ticket where account_id = ?", account) == 1);

        kafka.produce(String.class, String.class)
                .fromRecords(sample("chat-tags", "tag.added.v1", account).toRecord())
                .awaitCompletion();
        await().atMost(WAIT).until(() -> tagged(account) == 1);
        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", "Delete")
                .get("/accounts/{a}/tickets", account)
                .then()
                .body("items.ticketId", contains("ticket-88231"));

        kafka.produce(String.class, String.class)
                .fromRecords(sample("chat-tags", "tag.removed.v1", account).toRecord())
                .awaitCompletion();
        await().atMost(WAIT).until(() -> tagged(account) == 0);
        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", "Delete")
                .get("/accounts/{a}/tickets", account)
                .then()
                .body("items", empty());
    }

    @Test
    void aChatBreakingTheContractGoesToTheDeadLetterTopic() {
        UUID account = UUID.randomUUID();
        GoldenEvent broken =
                sample("chat-transcripts", "chat.archived.v1", account).withData(Fixtures.nulls("messages"));

        kafka.produce(String.class, String.class).fromRecords(broken.toRecord()).awaitCompletion();

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.chat-transcripts.dlq");
        try {
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> account.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(chats(account)).isZero();
    }

    @Test
    void aPoisonRecordAmongGoodOnesIsDeadLetteredAloneAndTheRestStored() {
        UUID account = UUID.randomUUID();
        GoldenEvent good1 =
                sample("chat-transcripts", "chat.archived.v1", account).withData(Map.of("chatId", "g-1"));
        GoldenEvent poison = sample("chat-transcripts", "chat.archived.v1", account)
                .withData(Map.of("chatId", "p-1", "visitorEmail", "not an address"));
        GoldenEvent good2 =
                sample("chat-transcripts", "chat.archived.v1", account).withData(Map.of("chatId", "g-2"));

        kafka.produce(String.class, String.class)
                .fromRecords(good1.toRecord(), poison.toRecord(), good2.toRecord())
                .awaitCompletion();

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.chat-transcripts.dlq");
        try {
            await().atMost(WAIT).until(() -> chats(account) == 2);
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> account.toString().equals(r.key())));
            var mine = dead.getRecords().stream()
                    .filter(r -> account.toString().equals(r.key()))
                    .toList();
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).value()).contains("p-1");
            assertThat(Fixtures.header(mine.get(0), "dead-letter-reason")).contains("visitorEmail");
            assertThat(Fixtures.header(mine.get(0), "ce_type")).isEqualTo("chat.archived.v1");
        } finally {
            dead.stop();
        }
    }

    private double duplicates(String topic) {
        var counter = meters.find("inbox.events")
                .tags("topic", topic, "outcome", "duplicate")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long chats(UUID account) {
        return new Sql(dataSource).count("select count(*) from chat where account_id = ?", account);
    }

    private long tagged(UUID account) {
        return new Sql(dataSource).count("select count(*) from item_tag where account_id = ?", account);
    }

    private long processed(UUID account, String topic) {
        return new Sql(dataSource)
                .count(
                        "select count(*) from processed_event where consumer = ? and event_id like ?",
                        "deletion-service/" + topic,
                        account.toString().substring(0, 8) + "%");
    }

    /** The golden sample re-keyed to a fresh account, with a fresh event id that starts like the account. */
    private static GoldenEvent sample(String topic, String type, UUID account) {
        String id = account.toString();
        String eventId = id.substring(0, 8) + "-" + UUID.randomUUID().toString().substring(9);
        return GoldenEvent.load(topic, type)
                .withAttributes(Map.of("id", eventId, "accountid", id, "partitionkey", id))
                .withData(Map.of("accountId", id));
    }
}
