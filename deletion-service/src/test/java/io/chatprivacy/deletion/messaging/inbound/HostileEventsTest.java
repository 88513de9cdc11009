package io.chatprivacy.deletion.messaging.inbound;

import static io.chatprivacy.deletion.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Requests;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * An event from the chat platform (or request-service) whose ids or tags break the text rule is a contract
 * violation: it goes to the dead-letter topic as such, before anything reaches PostgreSQL, and writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class HostileEventsTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aTagChangeWithAControlOrBidiCharacterInItsTagIsDeadLettered() {
        for (String tag : List.of("Del\u0000ete", "Del\u001Bete", "\u202E", "\u200B")) {
            UUID account = UUID.randomUUID();
            GoldenEvent event = sample("chat-tags", "tag.added.v1", account).withData(Map.of("tag", tag));

            ConsumerRecord<String, String> dead = deadLetter("deletion-service.chat-tags.dlq", account, event);

            assertThat(Fixtures.header(dead, "dead-letter-reason"))
                    .contains("violates its contract")
                    .contains("tag");
            assertThat(new Sql(dataSource).count("select count(*) from item_tag where account_id = ?", account))
                    .isZero();
            assertThat(processed("chat-tags", event)).isZero();
        }
    }

    @Test
    void anArchivedChatWhoseIdCarriesAControlCharacterIsDeadLetteredAlone() {
        for (String chatId : List.of("chat\u0000-1", "chat\u001B-1", "chat\u2066-1")) {
            UUID account = UUID.randomUUID();
            GoldenEvent good =
                    sample("chat-transcripts", "chat.archived.v1", account).withData(Map.of("chatId", "good-1"));
            GoldenEvent poison =
                    sample("chat-transcripts", "chat.archived.v1", account).withData(Map.of("chatId", chatId));

            ConsumerRecord<String, String> dead =
                    deadLetter("deletion-service.chat-transcripts.dlq", account, good, poison);

            assertThat(Fixtures.header(dead, "dead-letter-reason"))
                    .contains("violates its contract")
                    .contains("chatId");
            assertThat(Fixtures.header(dead, "dead-letter-exception-class-name"))
                    .endsWith("PoisonEventException");
            await().atMost(WAIT)
                    .until(() ->
                            new Sql(dataSource).count("select count(*) from chat where account_id = ?", account) == 1);
            assertThat(new Sql(dataSource)
                            .rows("select external_id from chat where account_id = ?", account)
                            .get(0)
                            .get("external_id"))
                    .isEqualTo("good-1");
            assertThat(processed("chat-transcripts", poison)).isZero();
        }
    }

    @Test
    void aTicketWhoseTagCarriesAControlCharacterIsDeadLettered() {
        UUID account = UUID.randomUUID();
        GoldenEvent poison =
                sample("chat-tickets", "ticket.archived.v1", account).withData(Map.of("tags", List.of("Del\u0007ete")));

        ConsumerRecord<String, String> dead = deadLetter("deletion-service.chat-tickets.dlq", account, poison);

        assertThat(Fixtures.header(dead, "dead-letter-reason")).contains("violates its contract");
        assertThat(new Sql(dataSource).count("select count(*) from ticket where account_id = ?", account))
                .isZero();
    }

    @Test
    void aDeletionRequestForATagWithANulIsDeadLettered() {
        UUID account = UUID.randomUUID();
        GoldenEvent opened = Requests.openedForTag(account, UUID.randomUUID(), "Del\u0000ete");

        ConsumerRecord<String, String> dead = deadLetter("deletion-service.request-events.dlq", account, opened);

        assertThat(Fixtures.header(dead, "dead-letter-reason"))
                .contains("violates its contract")
                .contains("tag");
        assertThat(new Sql(dataSource).count("select count(*) from deletion_job where account_id = ?", account))
                .isZero();
    }

    /** Sends the events and waits for the account's one record on the dead-letter topic. */
    private ConsumerRecord<String, String> deadLetter(String topic, UUID account, GoldenEvent... events) {
        ConsumerTask<String, String> dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(topic);
        try {
            Requests.send(kafka, events);
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> account.toString().equals(r.key())));
            List<ConsumerRecord<String, String>> mine = dead.getRecords().stream()
                    .filter(r -> account.toString().equals(r.key()))
                    .toList();
            assertThat(mine).hasSize(1);
            return mine.get(0);
        } finally {
            dead.stop();
        }
    }

    private long processed(String topic, GoldenEvent event) {
        return new Sql(dataSource)
                .count(
                        "select count(*) from processed_event where consumer = ? and event_id = ?",
                        "deletion-service/" + topic,
                        event.attribute("id"));
    }

    /** The golden sample re-keyed to a fresh account, with a fresh event id. */
    private static GoldenEvent sample(String topic, String type, UUID account) {
        String id = account.toString();
        return GoldenEvent.load(topic, type)
                .withAttributes(Map.of("id", UUID.randomUUID().toString(), "accountid", id, "partitionkey", id))
                .withData(Map.of("accountId", id));
    }
}
