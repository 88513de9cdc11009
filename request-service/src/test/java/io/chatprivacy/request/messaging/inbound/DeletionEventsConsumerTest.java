package io.chatprivacy.request.messaging.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.service.AccountService;
import io.chatprivacy.request.service.RightsRequestService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the deletion-events and notification-events contracts: the producers' golden
 * samples, aimed at a real request, move it and fill its timeline.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class DeletionEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestService requests;

    @Inject
    AgroalDataSource dataSource;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;
    private UUID requestId;
    private String agent;

    @BeforeEach
    void openARequest() {
        accountId = accounts.register("Demo Shop", "owner@demo.example", List.of())
                .account()
                .id();
        requestId = requests.open(
                        accountId,
                        new RightsRequestService.Opening(RequestType.DELETE, RequestChannel.CHAT, "Delete", null, null),
                        "agent-1")
                .request()
                .id();
        agent = TestTokens.token(accountId, "agent");
    }

    @Test
    void followsTheDeletionJobFromCodeToPurgeAndNothingReopensIt() {
        UUID firstJob = UUID.randomUUID();
        UUID secondJob = UUID.randomUUID();

        send(deletionEvent("deletion.verification-issued.v1", firstJob));
        await().atMost(WAIT).until(() -> status().equals("AWAITING_VERIFICATION"));

        send(deletionEvent("deletion.job-locked.v1", firstJob));
        await().atMost(WAIT).until(() -> kinds().contains("VERIFICATION_LOCKED"));
        assertThat(status()).isEqualTo("AWAITING_VERIFICATION");

        send(deletionEvent("deletion.verification-issued.v1", secondJob));
        send(deletionEvent("deletion.purge-completed.v1", secondJob));
        await().atMost(WAIT).until(() -> status().equals("COMPLETED"));

        JsonPath request = read();
        assertThat(request.getList("timeline.kind", String.class))
                .containsExactly(
                        "OPENED",
                        "VERIFICATION_ISSUED",
                        "VERIFICATION_LOCKED",
                        "VERIFICATION_ISSUED",
                        "PURGE_COMPLETED");
        assertThat(request.getList("timeline.status", String.class))
                .containsExactly(
                        "OPEN", "AWAITING_VERIFICATION", "AWAITING_VERIFICATION", "AWAITING_VERIFICATION", "COMPLETED");
        assertThat(request.getInt("timeline[4].details.chatsDeleted")).isEqualTo(300);
        assertThat(request.getInt("timeline[4].details.ticketsDeleted")).isEqualTo(50);
        assertThat(request.getInt("timeline[4].details.chatsSkippedLegalHold")).isEqualTo(2);
        assertThat(request.getInt("timeline[4].details.ticketsSkippedLegalHold"))
                .isEqualTo(1);
        assertThat(request.getString("timeline[4].details.receiptId"))
                .isEqualTo("9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b");
        assertThat(request.getString("timeline[4].summary"))
                .contains("300 chat(s)")
                .contains("50 ticket(s)")
                .contains("2 chat(s) and 1 ticket(s) kept under legal hold");
        assertThat(request.getString("timeline[4].at")).isEqualTo("2026-11-29T10:31:00Z");
        assertThat(request.getString("timeline[1].summary"))
                .contains("300 chat(s)")
                .doesNotContain("sealed");
        assertThat(request.getString("closedAt")).isEqualTo("2026-11-29T10:31:00Z");

        // a late code and an expiry after completion are consumed and change nothing
        ProducerRecord<String, String> late = deletionEvent("deletion.verification-issued.v1", UUID.randomUUID());
        ProducerRecord<String, String> expired = deletionEvent("deletion.job-expired.v1", secondJob);
        send(late);
        send(expired);
        await().atMost(WAIT).until(() -> processed(late) && processed(expired));
        assertThat(status()).isEqualTo("COMPLETED");
        assertThat(kinds()).hasSize(5);
    }

    @Test
    void anUnusedCodeExpiresTheRequest() {
        UUID job = UUID.randomUUID();
        send(deletionEvent("deletion.verification-issued.v1", job));
        send(deletionEvent("deletion.job-expired.v1", job));
        await().atMost(WAIT).until(() -> status().equals("EXPIRED"));
        assertThat(kinds()).containsExactly("OPENED", "VERIFICATION_ISSUED", "VERIFICATION_EXPIRED");
    }

    @Test
    void aRedeliveredEventIsAppliedOnce() {
        ProducerRecord<String, String> issued = deletionEvent("deletion.verification-issued.v1", UUID.randomUUID());
        send(issued);
        send(issued);
        ProducerRecord<String, String> locked = deletionEvent("deletion.job-locked.v1", UUID.randomUUID());
        send(locked);
        await().atMost(WAIT).until(() -> processed(locked));
        assertThat(kinds()).containsExactly("OPENED", "VERIFICATION_ISSUED", "VERIFICATION_LOCKED");
    }

    @Test
    void anEventAboutARequestTheAccountDoesNotHaveGoesToTheDeadLetterTopic() {
        UUID otherAccount = accounts.register("Other", "owner@other.example", List.of())
                .account()
                .id();
        // another account's event naming this account's request
        ProducerRecord<String, String> foreign = GoldenEvent.load("deletion-events", "deletion.purge-completed.v1")
                .withAttributes(attributes(otherAccount, UUID.randomUUID()))
                .withData(Map.of("requestId", requestId.toString(), "accountId", otherAccount.toString()))
                .toRecord();
        // and this account's event naming no request at all
        ProducerRecord<String, String> unknown = GoldenEvent.load("deletion-events", "deletion.purge-completed.v1")
                .withAttributes(attributes(accountId, UUID.randomUUID()))
                .withData(Map.of("requestId", UUID.randomUUID().toString(), "accountId", accountId.toString()))
                .toRecord();
        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("request-service.deletion-events.dlq");
        try {
            send(foreign);
            send(unknown);
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .anyMatch(r -> otherAccount.toString().equals(r.key()))
                            && dead.getRecords().stream()
                                    .anyMatch(r -> accountId.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(status()).isEqualTo("OPEN");
        assertThat(kinds()).containsExactly("OPENED");
    }

    @Test
    void mailDeliveryOutcomesGoToTheTimeline() {
        UUID notificationId = UUID.randomUUID();
        send(notificationEvent("notification.failed.v1", notificationId));
        send(notificationEvent("notification.sent.v1", notificationId));
        await().atMost(WAIT).until(() -> kinds().contains("NOTIFICATION_SENT"));

        JsonPath request = read();
        assertThat(request.getList("timeline.kind", String.class))
                .containsExactly("OPENED", "NOTIFICATION_FAILED", "NOTIFICATION_SENT");
        assertThat(request.getString("timeline[1].summary"))
                .contains("Verification code email")
                .contains("attempt 3")
                .contains("SMTP_UNAVAILABLE")
                .contains("retrying");
        assertThat(request.getString("timeline[2].summary"))
                .contains("Verification code email")
                .contains("delivered");
        assertThat(request.getString("timeline[2].details.notificationId")).isEqualTo(notificationId.toString());
        assertThat(request.getString("status")).isEqualTo("OPEN");
    }

    private ProducerRecord<String, String> deletionEvent(String type, UUID jobId) {
        return GoldenEvent.load("deletion-events", type)
                .withAttributes(attributes(accountId, jobId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "jobId", jobId.toString()))
                .toRecord();
    }

    private ProducerRecord<String, String> notificationEvent(String type, UUID notificationId) {
        return GoldenEvent.load("notification-events", type)
                .withAttributes(attributes(accountId, notificationId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "notificationId", notificationId.toString()))
                .toRecord();
    }

    private static Map<String, String> attributes(UUID account, UUID subject) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("accountid", account.toString());
        attributes.put("partitionkey", account.toString());
        attributes.put("subject", subject.toString());
        return attributes;
    }

    private void send(ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion();
    }

    private boolean processed(ProducerRecord<String, String> record) throws SQLException {
        String id = new String(record.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            query.setString(1, id);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) > 0;
            }
        }
    }

    private JsonPath read() {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, requestId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private String status() {
        return read().getString("status");
    }

    private List<String> kinds() {
        return read().getList("timeline.kind", String.class);
    }
}
