package io.chatprivacy.request.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.DomainEvent;
import io.chatprivacy.request.domain.DeadlineClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer's side of the request-events contract: our records serialise exactly to the golden samples. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class RequestEventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void requestOpenedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, RequestOpenedEvent.TYPE);
        JsonNode sample = golden.data();
        RequestOpenedEvent event = new RequestOpenedEvent(
                UUID.fromString(sample.get("requestId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "DELETE",
                "Delete",
                null,
                null,
                "CHAT",
                "agent@demo.example",
                Instant.parse("2026-11-29T10:20:00Z"),
                Instant.parse("2026-12-11T10:20:00Z"),
                Instant.parse("2027-01-13T10:20:00Z"),
                null,
                sample.get("sealedStatusToken").asText(),
                "CA");

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(RequestOpenedEvent.TYPE);
        assertThat(golden.attribute("subject"))
                .isEqualTo(sample.get("requestId").asText());
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    @Test
    void aCorrectionTravelsAsFieldAndValueInTheSampleShape() {
        JsonNode sample =
                GoldenEvent.load(RequestEvent.TOPIC, RequestOpenedEvent.TYPE).data();
        RequestOpenedEvent event = new RequestOpenedEvent(
                UUID.fromString(sample.get("requestId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "CORRECT",
                null,
                "old@example.com",
                "v-42",
                "CHAT",
                "agent@demo.example",
                Instant.parse("2026-11-29T10:20:00Z"),
                Instant.parse("2026-12-11T10:20:00Z"),
                Instant.parse("2027-01-13T10:20:00Z"),
                new RequestOpenedEvent.Correction("EMAIL", "new@example.com"),
                null,
                "VA");

        JsonNode serialised = mapper.valueToTree(event);
        List<String> names = new ArrayList<>();
        serialised.fieldNames().forEachRemaining(names::add);
        List<String> sampleNames = new ArrayList<>();
        sample.fieldNames().forEachRemaining(sampleNames::add);
        assertThat(names).containsExactlyElementsOf(sampleNames);
        assertThat(serialised.get("correction"))
                .isEqualTo(mapper.createObjectNode().put("field", "EMAIL").put("value", "new@example.com"));
    }

    @Test
    void theSamplesSealedSecretsOpenUnderTheTestKeyForTheirOwnPurposeOnly() {
        io.chatprivacy.platform.crypto.TransportSeal seal = io.chatprivacy.platform.crypto.TransportSeal.fromBase64Key(
                "test", "ZGV2LW9ubHktY29kZS10cmFuc3BvcnQta2V5LTAwMDE=");
        JsonNode opened =
                GoldenEvent.load(RequestEvent.TOPIC, RequestOpenedEvent.TYPE).data();
        assertThat(seal.open(
                        opened.get("sealedStatusToken").asText(),
                        "status|" + opened.get("requestId").asText()))
                .matches("[A-Za-z0-9_-]{43}");
        JsonNode issued = GoldenEvent.load(RequestEvent.TOPIC, ConsumerVerificationIssuedEvent.TYPE)
                .data();
        assertThat(seal.open(
                        issued.get("sealedCode").asText(),
                        "consumer|" + issued.get("intakeId").asText()))
                .matches("[0-9]{8}");
    }

    @Test
    void consumerVerificationIssuedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, ConsumerVerificationIssuedEvent.TYPE);
        JsonNode sample = golden.data();
        ConsumerVerificationIssuedEvent event = new ConsumerVerificationIssuedEvent(
                UUID.fromString(sample.get("intakeId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "ACCESS",
                "visitor@example.com",
                sample.get("sealedCode").asText(),
                Instant.parse("2026-11-29T11:20:00Z"),
                1);

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(ConsumerVerificationIssuedEvent.TYPE);
        assertThat(golden.attribute("subject")).isEqualTo(sample.get("intakeId").asText());
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    @Test
    void requestDeclinedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, RequestDeclinedEvent.TYPE);
        JsonNode sample = golden.data();
        RequestDeclinedEvent event = new RequestDeclinedEvent(
                UUID.fromString(sample.get("requestId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "DELETE",
                "Delete",
                null,
                "LEGAL_HOLD",
                "Litigation hold on these chats until the case closes.",
                "owner@demo.example",
                Instant.parse("2026-11-29T11:00:00Z"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(RequestDeclinedEvent.TYPE);
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    @Test
    void theNewRequestEventsMatchTheirGoldenSamples() {
        UUID requestId = UUID.fromString("7d2e9c41-6a3b-4f5e-8d1c-2b3a4c5d6e7f");
        UUID accountId = UUID.fromString("5f0c7a9e-3b1d-4c2a-9e8f-6a7b8c9d0e1f");
        Instant due = Instant.parse("2027-01-13T10:20:00Z");
        assertMatches(
                RequestExtendedEvent.TYPE,
                new RequestExtendedEvent(
                        requestId,
                        accountId,
                        "ACCESS",
                        null,
                        "visitor@example.com",
                        "The chats span several archives that must be restored before a complete copy can be made.",
                        due,
                        Instant.parse("2027-02-27T10:20:00Z"),
                        "owner@demo.example",
                        Instant.parse("2026-12-20T09:00:00Z")));
        assertMatches(
                RequestCompletedEvent.TYPE,
                new RequestCompletedEvent(
                        requestId,
                        accountId,
                        "OPT_OUT",
                        null,
                        "visitor@example.com",
                        "The personal information is no longer sold or shared.",
                        Instant.parse("2026-11-29T10:20:00Z"),
                        Instant.parse("2026-12-01T08:00:00Z")));
        assertMatches(
                RequestDeadlineApproachingEvent.TYPE,
                new RequestDeadlineApproachingEvent(
                        requestId,
                        accountId,
                        "ACCESS",
                        "OPEN",
                        due,
                        7,
                        false,
                        Instant.parse("2027-01-06T10:30:00Z"),
                        DeadlineClock.ANSWER));
        assertMatches(
                RequestDeadlineBreachedEvent.TYPE,
                new RequestDeadlineBreachedEvent(
                        requestId,
                        accountId,
                        "ACCESS",
                        "OPEN",
                        due,
                        false,
                        Instant.parse("2027-01-13T10:30:00Z"),
                        DeadlineClock.ANSWER));
    }

    @Test
    void theAppealEventsMatchTheirGoldenSamples() {
        UUID requestId = UUID.fromString("7d2e9c41-6a3b-4f5e-8d1c-2b3a4c5d6e7f");
        UUID accountId = UUID.fromString("5f0c7a9e-3b1d-4c2a-9e8f-6a7b8c9d0e1f");
        Instant due = Instant.parse("2027-01-16T15:00:00Z");
        assertMatches(
                RequestAppealReceivedEvent.TYPE,
                new RequestAppealReceivedEvent(
                        requestId,
                        accountId,
                        "ACCESS",
                        "CO",
                        null,
                        "visitor@example.com",
                        "agent@demo.example",
                        Instant.parse("2026-12-02T15:00:00Z"),
                        due));
        assertMatches(
                RequestAppealDecidedEvent.TYPE,
                new RequestAppealDecidedEvent(
                        requestId,
                        accountId,
                        "ACCESS",
                        "CO",
                        null,
                        "visitor@example.com",
                        "UPHELD",
                        "The chats asked for were deleted before the request arrived; there is nothing left to copy.",
                        "If you disagree with this decision, you may contact the Colorado Attorney General about it:"
                                + " coag.gov.",
                        "C.R.S. §6-1-1306",
                        "owner@demo.example",
                        Instant.parse("2026-12-10T09:00:00Z"),
                        due));
    }

    @Test
    void exportRequestedMatchesItsGoldenSample() {
        assertMatches(
                RequestExportRequestedEvent.TYPE,
                new RequestExportRequestedEvent(
                        UUID.fromString("7d2e9c41-6a3b-4f5e-8d1c-2b3a4c5d6e7f"),
                        UUID.fromString("5f0c7a9e-3b1d-4c2a-9e8f-6a7b8c9d0e1f"),
                        2,
                        "visitor@example.com",
                        "v-8f3a2c",
                        "agent@demo.example",
                        Instant.parse("2026-12-03T09:00:00Z")));
    }

    private void assertMatches(String type, RequestEvent event) {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, type);
        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(golden.data());
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(type);
        assertThat(golden.attribute("subject")).isEqualTo(event.requestId().toString());
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    /** The record routes itself (topic, key, CloudEvents attributes) exactly as its golden sample travels. */
    private static void assertRoutedLike(GoldenEvent golden, DomainEvent e) {
        var routing =
                new GoldenEvent.Routing(e.topic(), e.key(), e.type(), e.accountId(), e.subject(), e.schemaVersion());
        assertThat(routing).isEqualTo(golden.routing());
    }
}
