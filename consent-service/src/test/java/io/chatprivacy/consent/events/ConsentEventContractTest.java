package io.chatprivacy.consent.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.DomainEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The producer's side of consent-events: records serialise to the golden samples, and so do real events. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class ConsentEventContractTest {

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void grantedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, ConsentGrantedEvent.TYPE);
        JsonNode sample = golden.data();
        ConsentGrantedEvent event = new ConsentGrantedEvent(
                uuid(sample, "receiptId"),
                uuid(sample, "accountId"),
                sample.get("visitorId").asText(),
                sample.get("formVersion").asInt(),
                List.of(
                        new ConsentGrantedEvent.GrantedConsent(
                                "chat-processing",
                                sample.at("/consents/0/textSha256").asText()),
                        new ConsentGrantedEvent.GrantedConsent(
                                "newsletter",
                                sample.at("/consents/1/textSha256").asText())),
                false,
                Instant.parse(sample.get("grantedAt").asText()));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertAttributes(golden, event);
    }

    @Test
    void revokedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, ConsentRevokedEvent.TYPE);
        JsonNode sample = golden.data();
        ConsentRevokedEvent event = new ConsentRevokedEvent(
                uuid(sample, "revocationId"),
                uuid(sample, "receiptId"),
                uuid(sample, "accountId"),
                sample.get("visitorId").asText(),
                "VISITOR",
                Instant.parse(sample.get("revokedAt").asText()));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertAttributes(golden, event);
    }

    @Test
    void optedOutMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, ConsentOptedOutEvent.TYPE);
        JsonNode sample = golden.data();
        ConsentOptedOutEvent event = new ConsentOptedOutEvent(
                uuid(sample, "optOutId"),
                uuid(sample, "accountId"),
                sample.get("visitorId").asText(),
                "SALE_SHARING",
                "GPC",
                null,
                Instant.parse(sample.get("optedOutAt").asText()),
                null);

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertAttributes(golden, event);
    }

    @Test
    void optedInMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, ConsentOptedInEvent.TYPE);
        JsonNode sample = golden.data();
        ConsentOptedInEvent event = new ConsentOptedInEvent(
                uuid(sample, "optInId"),
                uuid(sample, "accountId"),
                sample.get("visitorId").asText(),
                "SALE_SHARING",
                "13_TO_15",
                "VISITOR",
                Instant.parse(sample.get("optedInAt").asText()));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertAttributes(golden, event);
    }

    @Test
    void optOutSelfTestFailedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, ConsentOptOutSelfTestFailedEvent.TYPE);
        JsonNode sample = golden.data();
        ConsentOptOutSelfTestFailedEvent event = new ConsentOptOutSelfTestFailedEvent(
                uuid(sample, "runId"),
                uuid(sample, "accountId"),
                "REQUEST_COMPLETED",
                Instant.parse(sample.get("startedAt").asText()),
                Instant.parse(sample.get("failedAt").asText()));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        // no visitor: keyed by the account
        assertRoutedLike(golden, event);
        assertThat(event.key()).isEqualTo(event.accountId().toString());
    }

    @Test
    void aMinorsEventsOnTheTopicHaveTheShapeOfTheGoldenSamples() throws Exception {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        account.widget()
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        visitor,
                        "consents",
                        List.of("chat"),
                        "ageBand",
                        "13_TO_15"))
                .post("/widget/consents")
                .then()
                .statusCode(201);
        account.widget()
                .body(Map.of("scope", "SALE_SHARING"))
                .post("/widget/visitors/{v}/opt-in", visitor)
                .then()
                .statusCode(200);

        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(kafka, ConsentEvent.TOPIC, visitor, 3);
        for (ConsumerRecord<String, String> record : records) {
            String type = Fixtures.header(record, "ce_type");
            assertSameShape(
                    mapper.readTree(record.value()),
                    GoldenEvent.load(ConsentEvent.TOPIC, type).data(),
                    type);
            assertThat(record.key()).isEqualTo(visitor);
        }
        assertThat(records)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly(ConsentGrantedEvent.TYPE, ConsentOptedOutEvent.TYPE, ConsentOptedInEvent.TYPE);
        assertThat(mapper.readTree(records.get(1).value()).get("ageBand").asText())
                .isEqualTo("13_TO_15");
    }

    @Test
    void eventsOnTheTopicHaveTheShapeOfTheGoldenSamples() throws Exception {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        String receipt = account.widget()
                .header("Sec-GPC", "1")
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat", "news")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .extract()
                .path("receiptId");
        account.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", receipt)
                .then()
                .statusCode(200);

        List<ConsumerRecord<String, String>> records = Fixtures.awaitRecords(kafka, ConsentEvent.TOPIC, visitor, 3);
        for (ConsumerRecord<String, String> record : records) {
            String type = Fixtures.header(record, "ce_type");
            GoldenEvent golden = GoldenEvent.load(ConsentEvent.TOPIC, type);
            assertSameShape(mapper.readTree(record.value()), golden.data(), type);
            assertThat(record.key()).isEqualTo(visitor);
            assertThat(Fixtures.header(record, "ce_accountid"))
                    .isEqualTo(account.id().toString());
            assertThat(Fixtures.header(record, "ce_source")).isEqualTo(golden.attribute("source"));
            assertThat(Fixtures.header(record, "ce_schemaversion")).isEqualTo(golden.attribute("schemaversion"));
            assertThat(Fixtures.header(record, "ce_id")).isNotBlank();
        }
        assertThat(records)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly(ConsentGrantedEvent.TYPE, ConsentOptedOutEvent.TYPE, ConsentRevokedEvent.TYPE);
    }

    private static void assertAttributes(GoldenEvent golden, ConsentEvent event) {
        assertRoutedLike(golden, event);
        assertThat(event.key()).isEqualTo(event.visitorId());
    }

    /** Same field names at every level, with values of the same JSON types (nulls allowed where the sample has one). */
    static void assertSameShape(JsonNode actual, JsonNode golden, String path) {
        if (golden.isObject()) {
            assertThat(names(actual)).as(path).containsExactlyInAnyOrderElementsOf(names(golden));
            for (Iterator<String> it = golden.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                JsonNode expected = golden.get(name);
                JsonNode value = actual.get(name);
                if (!expected.isNull() && !value.isNull()) {
                    assertSameShape(value, expected, path + "." + name);
                }
            }
        } else if (golden.isArray() && !golden.isEmpty()) {
            assertThat(actual.isArray()).as(path).isTrue();
            for (JsonNode element : actual) {
                assertSameShape(element, golden.get(0), path + "[]");
            }
        } else {
            assertThat(actual.getNodeType()).as(path).isEqualTo(golden.getNodeType());
        }
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static UUID uuid(JsonNode node, String field) {
        return UUID.fromString(node.get(field).asText());
    }

    /** The record routes itself (topic, key, CloudEvents attributes) exactly as its golden sample travels. */
    private static void assertRoutedLike(GoldenEvent golden, DomainEvent e) {
        var routing =
                new GoldenEvent.Routing(e.topic(), e.key(), e.type(), e.accountId(), e.subject(), e.schemaVersion());
        assertThat(routing).isEqualTo(golden.routing());
    }
}
