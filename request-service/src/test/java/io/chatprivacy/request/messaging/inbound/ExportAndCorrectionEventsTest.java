package io.chatprivacy.request.messaging.inbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.Intake;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of deletion-service's export and correction contracts, with notification-service's
 * {@code notification.sent.v1}: the producers' golden samples, aimed at real ACCESS and CORRECT requests,
 * fulfil or decline them and the outcome is announced on {@code request-events}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class ExportAndCorrectionEventsTest {

    private static final String EXPORT_READY = "deletion.export-ready.v1";
    private static final String APPLIED = "deletion.correction-applied.v1";
    private static final String REJECTED = "deletion.correction-rejected.v1";
    private static final String SENT = "notification.sent.v1";
    private static final String COMPLETED = "request.completed.v1";
    private static final String DECLINED = "request.declined.v1";

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestService requests;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;
    private String agent;

    @BeforeEach
    void registerAccount() {
        accountId = accounts.register("Demo Shop", "owner@demo.example", List.of())
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
    }

    @Test
    void anAccessRequestWaitsForItsCopysMailAfterTheExportIsReady() throws Exception {
        UUID requestId = open(RequestType.ACCESS, "ann@example.com", null, Intake.NONE);
        UUID exportId = UUID.randomUUID();
        UUID mailId = UUID.randomUUID();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            // another mail about the request (the receipt) is not the copy
            ProducerRecord<String, String> receipt = sent(requestId, UUID.randomUUID(), "RECEIPT_CONFIRMATION");
            send(receipt);
            await().atMost(RequestEvents.WAIT).until(() -> processed(receipt));
            ProducerRecord<String, String> ready = exportReady(requestId, exportId);
            send(ready);
            await().atMost(RequestEvents.WAIT).until(() -> processed(ready));
            assertThat(status(requestId)).isEqualTo("OPEN");
            assertThat(kinds(requestId)).containsExactly("OPENED", "NOTIFICATION_SENT", "EXPORT_READY");

            send(sent(requestId, mailId, "ACCESS_EXPORT"));
            await().atMost(RequestEvents.WAIT).until(() -> status(requestId).equals("COMPLETED"));

            JsonPath request = read(requestId);
            assertThat(request.getList("timeline.kind", String.class))
                    .containsExactly("OPENED", "NOTIFICATION_SENT", "EXPORT_READY", "NOTIFICATION_SENT", "FULFILLED");
            assertThat(request.getInt("timeline[2].details.chatCount")).isEqualTo(3);
            assertThat(request.getInt("timeline[2].details.ticketCount")).isEqualTo(1);
            assertThat(request.getString("timeline[3].summary")).contains("link to the consumer's copy");
            assertCopyRecorded(request, 4, exportId, mailId);

            JsonNode completed =
                    mapper.readTree(events.await(COMPLETED, requestId).value());
            assertThat(completed.get("requestType").asText()).isEqualTo("ACCESS");
            assertThat(completed.get("subjectEmail").asText()).isEqualTo("ann@example.com");
            assertThat(completed.get("outcome").asText()).contains("copy");
            assertThat(completed.get("completedAt").asText()).isEqualTo("2026-11-29T10:20:02Z");
        }
    }

    @Test
    void anAccessRequestWhoseMailIsReportedFirstCompletesWhenTheExportFollowsAndOnlyOnce() throws Exception {
        UUID requestId = open(RequestType.ACCESS, "bo@example.com", null, Intake.NONE);
        UUID exportId = UUID.randomUUID();
        UUID mailId = UUID.randomUUID();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            ProducerRecord<String, String> mail = sent(requestId, mailId, "ACCESS_EXPORT");
            send(mail);
            await().atMost(RequestEvents.WAIT).until(() -> processed(mail));
            assertThat(status(requestId)).isEqualTo("OPEN");
            assertThat(kinds(requestId)).containsExactly("OPENED", "NOTIFICATION_SENT");

            ProducerRecord<String, String> ready = exportReady(requestId, exportId);
            send(ready);
            await().atMost(RequestEvents.WAIT).until(() -> status(requestId).equals("COMPLETED"));
            JsonPath request = read(requestId);
            assertThat(request.getList("timeline.kind", String.class))
                    .containsExactly("OPENED", "NOTIFICATION_SENT", "EXPORT_READY", "FULFILLED");
            assertCopyRecorded(request, 3, exportId, mailId);

            // redelivered and late reports change nothing
            ProducerRecord<String, String> lateMail = sent(requestId, UUID.randomUUID(), "ACCESS_EXPORT");
            send(ready);
            send(lateMail);
            await().atMost(RequestEvents.WAIT).until(() -> processed(lateMail));
            assertThat(kinds(requestId))
                    .containsExactly("OPENED", "NOTIFICATION_SENT", "EXPORT_READY", "FULFILLED", "NOTIFICATION_SENT");
            UUID marker = open(RequestType.LIMIT, null, "v-marker", Intake.NONE);
            assertThat(events.settledCount(COMPLETED, requestId, "request.opened.v1", marker))
                    .isEqualTo(1);
        }
    }

    @Test
    void aCopyWhoseMailWasGivenUpIsSentAgainAndTheSecondCopyCompletesTheRequest() throws Exception {
        UUID requestId = open(RequestType.ACCESS, "eve@example.com", "v-eve", Intake.NONE);
        UUID firstExport = UUID.randomUUID();
        UUID secondExport = UUID.randomUUID();
        UUID mailId = UUID.randomUUID();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            send(exportReady(requestId, firstExport));
            ProducerRecord<String, String> givenUp = givenUp(requestId, UUID.randomUUID());
            send(givenUp);
            await().atMost(RequestEvents.WAIT).until(() -> processed(givenUp));
            await().atMost(RequestEvents.WAIT).until(() -> kinds(requestId).size() == 3);
            assertThat(status(requestId)).isEqualTo("OPEN");

            given().auth()
                    .oauth2(agent)
                    .post("/accounts/{a}/rights-requests/{r}/export", accountId, requestId)
                    .then()
                    .statusCode(202)
                    .body("timeline[3].kind", equalTo("EXPORT_REQUESTED"));
            JsonNode asked = mapper.readTree(
                    events.await("request.export-requested.v1", requestId).value());
            assertThat(asked.get("attempt").asInt()).isEqualTo(2);
            assertThat(asked.get("subjectEmail").asText()).isEqualTo("eve@example.com");
            assertThat(asked.get("subjectVisitorId").asText()).isEqualTo("v-eve");

            // deletion-service prepares the second copy, notification-service delivers it
            send(exportReady(requestId, secondExport));
            send(sent(requestId, mailId, "ACCESS_EXPORT"));
            await().atMost(RequestEvents.WAIT).until(() -> status(requestId).equals("COMPLETED"));
            JsonPath request = read(requestId);
            assertThat(request.getList("timeline.kind", String.class))
                    .containsExactly(
                            "OPENED",
                            "EXPORT_READY",
                            "NOTIFICATION_FAILED",
                            "EXPORT_REQUESTED",
                            "EXPORT_READY",
                            "NOTIFICATION_SENT",
                            "FULFILLED");
            assertThat(request.getString("timeline[6].details.exportId")).isEqualTo(secondExport.toString());
            assertThat(request.getString("timeline[6].details.notificationId")).isEqualTo(mailId.toString());
            JsonNode completed =
                    mapper.readTree(events.await(COMPLETED, requestId).value());
            assertThat(completed.get("subjectEmail").asText()).isEqualTo("eve@example.com");

            // the copy arrived: no further copies
            given().auth()
                    .oauth2(agent)
                    .post("/accounts/{a}/rights-requests/{r}/export", accountId, requestId)
                    .then()
                    .statusCode(409)
                    .body("type", endsWith("request-closed"));
        }
    }

    @Test
    void anAppliedEmailCorrectionCompletesAndTheConsumerIsToldAtTheCorrectedAddress() throws Exception {
        UUID requestId = open(
                RequestType.CORRECT,
                "old@example.com",
                "v-1",
                new Intake(null, null, CorrectionField.EMAIL, "new@example.com"));
        UUID correctionId = UUID.randomUUID();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            send(correction(APPLIED, requestId, Map.of("correctionId", correctionId.toString())));
            await().atMost(RequestEvents.WAIT).until(() -> status(requestId).equals("COMPLETED"));

            JsonPath request = read(requestId);
            assertThat(request.getList("timeline.kind", String.class)).containsExactly("OPENED", "FULFILLED");
            Map<String, Object> facts = request.getMap("timeline[1].details");
            assertThat(facts)
                    .containsEntry("correctionId", correctionId.toString())
                    .containsEntry("field", "EMAIL")
                    .containsEntry("chatsMatched", 4)
                    .containsEntry("ticketsMatched", 1)
                    .containsEntry("chatsCorrected", 4)
                    .containsEntry("ticketsCorrected", 1);
            assertThat(request.getString("timeline[1].summary")).contains("email address on 4 chat(s) and 1 ticket(s)");
            assertThat(request.getString("closedAt")).isEqualTo("2026-11-29T10:20:01Z");
            // the value is the consumer's personal data: in the request, never in its timeline
            String body = request.prettify();
            assertThat(body.indexOf("new@example.com")).isEqualTo(body.lastIndexOf("new@example.com"));
            assertThat(request.getString("correction.value")).isEqualTo("new@example.com");

            JsonNode completed =
                    mapper.readTree(events.await(COMPLETED, requestId).value());
            assertThat(completed.get("requestType").asText()).isEqualTo("CORRECT");
            assertThat(completed.get("subjectEmail").asText()).isEqualTo("new@example.com");
            assertThat(completed.get("outcome").asText()).contains("corrected");
        }
    }

    @Test
    void anAppliedNameCorrectionCompletesAndTheConsumerIsToldAtTheirAddress() throws Exception {
        UUID requestId = open(
                RequestType.CORRECT,
                "ann@example.com",
                null,
                new Intake(null, null, CorrectionField.NAME, "Ann Smith"));
        try (RequestEvents events = RequestEvents.read(kafka)) {
            send(correction(
                    APPLIED,
                    requestId,
                    Map.of(
                            "correctionId",
                            UUID.randomUUID().toString(),
                            "field",
                            "NAME",
                            "chatsCorrected",
                            2,
                            "ticketsCorrected",
                            0)));
            await().atMost(RequestEvents.WAIT).until(() -> status(requestId).equals("COMPLETED"));
            JsonPath request = read(requestId);
            assertThat(request.getString("timeline[1].details.field")).isEqualTo("NAME");
            assertThat(request.getString("timeline[1].summary"))
                    .contains("name on 2 chat(s) and 0 ticket(s)")
                    .contains("held the value already")
                    .doesNotContain("Ann Smith");

            JsonNode completed =
                    mapper.readTree(events.await(COMPLETED, requestId).value());
            assertThat(completed.get("subjectEmail").asText()).isEqualTo("ann@example.com");
        }
    }

    @Test
    void aCorrectionTheVaultCannotMatchIsDeclinedForWantOfVerificationAndAnnounced() throws Exception {
        UUID nameRequest = open(
                RequestType.CORRECT, "cy@example.com", null, new Intake(null, null, CorrectionField.NAME, "Cy Young"));
        UUID emailRequest =
                open(RequestType.CORRECT, null, "v-2", new Intake(null, null, CorrectionField.EMAIL, "cy@new.example"));
        String detail = GoldenEvent.load("deletion-events", REJECTED)
                .data()
                .get("detail")
                .asText();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            send(correction(REJECTED, nameRequest, Map.of()));
            // a reason this service does not know yet is treated like NO_MATCHING_DATA
            send(correction(REJECTED, emailRequest, Map.of("field", "EMAIL", "reason", "SOMETHING_NEW")));
            await().atMost(RequestEvents.WAIT)
                    .until(() -> status(nameRequest).equals("DECLINED")
                            && status(emailRequest).equals("DECLINED"));

            JsonPath request = read(nameRequest);
            assertThat(request.getString("decline.reason")).isEqualTo("CANNOT_VERIFY");
            assertThat(request.getString("decline.note")).contains(detail);
            assertThat(request.getString("decline.declinedBy")).isNull();
            assertThat(request.getString("closedAt")).isEqualTo("2026-11-29T10:20:01Z");
            assertThat(request.getList("timeline.kind", String.class)).containsExactly("OPENED", "DECLINED");
            assertThat(request.getString("timeline[1].details.rejection")).isEqualTo("NO_MATCHING_DATA");
            assertThat(read(emailRequest).getString("timeline[1].details.rejection"))
                    .isEqualTo("SOMETHING_NEW");

            JsonNode declined =
                    mapper.readTree(events.await(DECLINED, nameRequest).value());
            assertThat(declined.get("requestType").asText()).isEqualTo("CORRECT");
            assertThat(declined.get("reason").asText()).isEqualTo("CANNOT_VERIFY");
            assertThat(declined.get("note").asText()).contains(detail);
            assertThat(declined.get("subjectEmail").asText()).isEqualTo("cy@example.com");
            assertThat(declined.get("declinedBy").isNull()).isTrue();
            // the consumer of an email correction hears at the address they gave as theirs
            JsonNode declinedEmail =
                    mapper.readTree(events.await(DECLINED, emailRequest).value());
            assertThat(declinedEmail.get("subjectEmail").asText()).isEqualTo("cy@new.example");
            assertThat(declinedEmail.get("reason").asText()).isEqualTo("CANNOT_VERIFY");

            // after the decline: a second rejection is ignored, a late correction recorded, the decline stands
            ProducerRecord<String, String> again = correction(REJECTED, nameRequest, Map.of());
            send(again);
            await().atMost(RequestEvents.WAIT).until(() -> processed(again));
            send(correction(APPLIED, nameRequest, Map.of("field", "NAME")));
            await().atMost(RequestEvents.WAIT).until(() -> kinds(nameRequest).size() == 3);
            assertThat(kinds(nameRequest)).containsExactly("OPENED", "DECLINED", "FULFILLED");
            assertThat(status(nameRequest)).isEqualTo("DECLINED");
            UUID marker = open(RequestType.LIMIT, null, "v-marker2", Intake.NONE);
            assertThat(events.settledCount(DECLINED, nameRequest, "request.opened.v1", marker))
                    .isEqualTo(1);
            assertThat(events.about(COMPLETED, nameRequest)).isEmpty();
        }
    }

    @Test
    void reportsAboutARequestOfAnotherTypeAreOnlyNoted() {
        UUID access = open(RequestType.ACCESS, "dee@example.com", null, Intake.NONE);
        UUID correct =
                open(RequestType.CORRECT, "dee@example.com", null, new Intake(null, null, CorrectionField.NAME, "Dee"));
        send(correction(APPLIED, access, Map.of()));
        send(correction(REJECTED, access, Map.of()));
        send(exportReady(correct, UUID.randomUUID()));
        await().atMost(RequestEvents.WAIT)
                .until(() -> kinds(access).size() == 3 && kinds(correct).size() == 2);
        assertThat(kinds(access)).containsExactly("OPENED", "NOTED", "NOTED");
        assertThat(kinds(correct)).containsExactly("OPENED", "NOTED");
        assertThat(status(access)).isEqualTo("OPEN");
        assertThat(status(correct)).isEqualTo("OPEN");
    }

    private void assertCopyRecorded(JsonPath request, int index, UUID exportId, UUID mailId) {
        String entry = "timeline[" + index + "]";
        assertThat(request.getString(entry + ".details.exportId")).isEqualTo(exportId.toString());
        assertThat(request.getInt(entry + ".details.chatCount")).isEqualTo(3);
        assertThat(request.getInt(entry + ".details.ticketCount")).isEqualTo(1);
        assertThat(request.getString(entry + ".details.notificationId")).isEqualTo(mailId.toString());
        assertThat(request.getString(entry + ".summary")).contains("3 chat(s) and 1 ticket(s)");
        // completed when the consumer had the copy: the mail's delivery
        assertThat(request.getString("closedAt")).isEqualTo("2026-11-29T10:20:02Z");
        // counts, never content, nor where the copy went or how it was unlocked
        String body = request.prettify();
        JsonNode sample = GoldenEvent.load("deletion-events", EXPORT_READY).data();
        assertThat(body)
                .doesNotContain(sample.get("sealedToken").asText())
                .doesNotContain(sample.get("subjectEmail").asText());
    }

    private UUID open(RequestType type, String email, String visitorId, Intake intake) {
        return requests.open(
                        accountId,
                        new RightsRequestService.Opening(type, RequestChannel.EMAIL, null, email, visitorId, intake),
                        "agent-1")
                .request()
                .id();
    }

    private ProducerRecord<String, String> exportReady(UUID requestId, UUID exportId) {
        return GoldenEvent.load("deletion-events", EXPORT_READY)
                .withAttributes(attributes(exportId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "exportId", exportId.toString()))
                .toRecord();
    }

    private ProducerRecord<String, String> correction(String type, UUID requestId, Map<String, Object> fields) {
        Map<String, Object> data = new HashMap<>(fields);
        data.put("requestId", requestId.toString());
        data.put("accountId", accountId.toString());
        return GoldenEvent.load("deletion-events", type)
                .withAttributes(attributes(requestId))
                .withData(data)
                .toRecord();
    }

    private ProducerRecord<String, String> sent(UUID requestId, UUID notificationId, String template) {
        return GoldenEvent.load("notification-events", SENT)
                .withAttributes(attributes(notificationId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "notificationId", notificationId.toString(),
                        "template", template))
                .toRecord();
    }

    /** notification-service gave up the mail carrying the copy (the export was gone: 404/410). */
    private ProducerRecord<String, String> givenUp(UUID requestId, UUID notificationId) {
        return GoldenEvent.load("notification-events", "notification.failed.v1")
                .withAttributes(attributes(notificationId))
                .withData(Map.of(
                        "requestId",
                        requestId.toString(),
                        "accountId",
                        accountId.toString(),
                        "notificationId",
                        notificationId.toString(),
                        "template",
                        "ACCESS_EXPORT",
                        "reason",
                        "EXPORT_GONE",
                        "willRetry",
                        false))
                .toRecord();
    }

    private Map<String, String> attributes(UUID subject) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("accountid", accountId.toString());
        attributes.put("partitionkey", accountId.toString());
        attributes.put("subject", subject.toString());
        return attributes;
    }

    private void send(ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion();
    }

    private boolean processed(ProducerRecord<String, String> record) throws Exception {
        String id = new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
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

    private JsonPath read(UUID requestId) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, requestId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private String status(UUID requestId) {
        return read(requestId).getString("status");
    }

    private List<String> kinds(UUID requestId) {
        return read(requestId).getList("timeline.kind", String.class);
    }
}
