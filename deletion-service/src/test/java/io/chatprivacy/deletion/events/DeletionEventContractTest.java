package io.chatprivacy.deletion.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.domain.CorrectionField;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.DomainEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer's side of the deletion-events contract: our records serialise exactly to the golden samples. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class DeletionEventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void verificationIssuedMatchesItsGoldenSample() {
        JsonNode sample = sample(VerificationIssuedEvent.TYPE);
        VerificationIssuedEvent event = new VerificationIssuedEvent(
                uuid(sample, "requestId"),
                uuid(sample, "jobId"),
                uuid(sample, "accountId"),
                sample.get("tag").asText(),
                null,
                sample.get("chatCount").asInt(),
                sample.get("ticketCount").asInt(),
                sample.get("sealedCode").asText(),
                instant(sample, "expiresAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(VerificationIssuedEvent.TYPE, event);
    }

    @Test
    void jobLockedMatchesItsGoldenSample() {
        JsonNode sample = sample(JobLockedEvent.TYPE);
        JobLockedEvent event = new JobLockedEvent(
                uuid(sample, "requestId"),
                uuid(sample, "jobId"),
                uuid(sample, "accountId"),
                sample.get("failedAttempts").asInt(),
                instant(sample, "lockedAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(JobLockedEvent.TYPE, event);
    }

    @Test
    void jobExpiredMatchesItsGoldenSample() {
        JsonNode sample = sample(JobExpiredEvent.TYPE);
        JobExpiredEvent event = new JobExpiredEvent(
                uuid(sample, "requestId"),
                uuid(sample, "jobId"),
                uuid(sample, "accountId"),
                instant(sample, "expiredAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(JobExpiredEvent.TYPE, event);
    }

    @Test
    void purgeCompletedMatchesItsGoldenSample() {
        JsonNode sample = sample(PurgeCompletedEvent.TYPE);
        PurgeCompletedEvent event = new PurgeCompletedEvent(
                uuid(sample, "requestId"),
                uuid(sample, "jobId"),
                uuid(sample, "accountId"),
                uuid(sample, "receiptId"),
                sample.get("tag").asText(),
                sample.get("chatsDeleted").asInt(),
                sample.get("ticketsDeleted").asInt(),
                sample.get("chatsSkippedLegalHold").asInt(),
                sample.get("ticketsSkippedLegalHold").asInt(),
                sample.get("authorisedBy").asText(),
                instant(sample, "completedAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(PurgeCompletedEvent.TYPE, event);
    }

    @Test
    void exportReadyMatchesItsGoldenSample() {
        JsonNode sample = sample(ExportReadyEvent.TYPE);
        ExportReadyEvent event = new ExportReadyEvent(
                uuid(sample, "exportId"),
                uuid(sample, "requestId"),
                uuid(sample, "accountId"),
                sample.get("subjectEmail").asText(),
                sample.get("chatCount").asInt(),
                sample.get("ticketCount").asInt(),
                sample.get("sealedToken").asText(),
                instant(sample, "preparedAt"),
                instant(sample, "expiresAt"),
                instant(sample, "coversFrom"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(ExportReadyEvent.TYPE, event);
        assertThat(event.subject()).isEqualTo(event.exportId().toString());
    }

    @Test
    void exportCodeIssuedMatchesItsGoldenSample() {
        JsonNode sample = sample(ExportCodeIssuedEvent.TYPE);
        ExportCodeIssuedEvent event = new ExportCodeIssuedEvent(
                uuid(sample, "exportId"),
                uuid(sample, "requestId"),
                uuid(sample, "accountId"),
                sample.get("subjectEmail").asText(),
                sample.get("sealedCode").asText(),
                sample.get("codeNumber").asInt(),
                instant(sample, "expiresAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(ExportCodeIssuedEvent.TYPE, event);
        assertThat(event.subject()).isEqualTo(event.exportId().toString());
        // the sample's seal is real: the code 12345678 under the development key, bound to this export only
        io.chatprivacy.deletion.crypto.CodeSealer sealer = new io.chatprivacy.deletion.crypto.CodeSealer(
                "dev-only-code-transport-key-0001".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(sealer.openExportCode(event.sealedCode(), event.exportId())).isEqualTo("12345678");
    }

    @Test
    void correctionAppliedMatchesItsGoldenSample() {
        JsonNode sample = sample(CorrectionAppliedEvent.TYPE);
        CorrectionAppliedEvent event = new CorrectionAppliedEvent(
                uuid(sample, "correctionId"),
                uuid(sample, "requestId"),
                uuid(sample, "accountId"),
                CorrectionField.valueOf(sample.get("field").asText()),
                sample.get("chatsMatched").asInt(),
                sample.get("ticketsMatched").asInt(),
                sample.get("chatsCorrected").asInt(),
                sample.get("ticketsCorrected").asInt(),
                instant(sample, "appliedAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(CorrectionAppliedEvent.TYPE, event);
        assertThat(event.subject()).isEqualTo(event.correctionId().toString());
    }

    @Test
    void correctionRejectedMatchesItsGoldenSample() {
        JsonNode sample = sample(CorrectionRejectedEvent.TYPE);
        CorrectionRejectedEvent event = new CorrectionRejectedEvent(
                uuid(sample, "requestId"),
                uuid(sample, "accountId"),
                CorrectionField.valueOf(sample.get("field").asText()),
                CorrectionRejectedEvent.NO_MATCHING_DATA,
                sample.get("detail").asText(),
                instant(sample, "rejectedAt"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(CorrectionRejectedEvent.TYPE, event);
        assertThat(event.subject()).isEqualTo(event.requestId().toString());
    }

    @Test
    void theNewSamplesAreKeyedByTheirAccountAndAboutTheirExportCorrectionOrRequest() {
        Map<String, String> subjectField = Map.of(
                ExportReadyEvent.TYPE, "exportId",
                ExportCodeIssuedEvent.TYPE, "exportId",
                CorrectionAppliedEvent.TYPE, "correctionId",
                CorrectionRejectedEvent.TYPE, "requestId");
        subjectField.forEach((type, field) -> {
            GoldenEvent golden = GoldenEvent.load(DeletionEvent.TOPIC, type);
            assertThat(golden.attribute("type")).isEqualTo(type);
            assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
            assertThat(golden.attribute("subject"))
                    .isEqualTo(golden.data().get(field).asText());
            assertThat(golden.attribute("source")).isEqualTo("/deletion-service");
        });
    }

    @Test
    void everySampleIsKeyedByItsAccountAndAboutItsJob() {
        for (String type : new String[] {
            VerificationIssuedEvent.TYPE, JobLockedEvent.TYPE, JobExpiredEvent.TYPE, PurgeCompletedEvent.TYPE
        }) {
            GoldenEvent golden = GoldenEvent.load(DeletionEvent.TOPIC, type);
            assertThat(golden.attribute("type")).isEqualTo(type);
            assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
            assertThat(golden.attribute("subject"))
                    .isEqualTo(golden.data().get("jobId").asText());
            assertThat(golden.attribute("source")).isEqualTo("/deletion-service");
        }
    }

    private static JsonNode sample(String type) {
        return GoldenEvent.load(DeletionEvent.TOPIC, type).data();
    }

    private static UUID uuid(JsonNode sample, String field) {
        return UUID.fromString(sample.get(field).asText());
    }

    private static Instant instant(JsonNode sample, String field) {
        return Instant.parse(sample.get(field).asText());
    }

    /** The record routes itself (topic, key, CloudEvents attributes) exactly as its golden sample travels. */
    private static void assertRoutedLike(String type, DomainEvent e) {
        var routing =
                new GoldenEvent.Routing(e.topic(), e.key(), e.type(), e.accountId(), e.subject(), e.schemaVersion());
        assertThat(routing)
                .isEqualTo(GoldenEvent.load(DeletionEvent.TOPIC, type).routing());
    }
}
