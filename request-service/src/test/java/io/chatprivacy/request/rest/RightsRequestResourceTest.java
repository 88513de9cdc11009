package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Opening, reading, listing and declining rights requests over HTTP, and what each announces. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class RightsRequestResourceTest {

    private static final String TAG_BODY = "{\"type\":\"DELETE\",\"tag\":\"Delete\",\"channel\":\"WEB_FORM\"}";

    @Inject
    AccountService accountService;

    @Inject
    RightsRequestRepository requests;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;
    private String agent;
    private String owner;

    @BeforeEach
    void registerAccount() {
        accountId = accountService
                .register("Acme", "owner@acme.example", List.of("https://acme.example"))
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
        owner = TestTokens.token(accountId, "owner");
    }

    @Test
    void anAgentOpensATagDeletionWithItsStatutoryDatesAndItIsAnnounced() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        var response = given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(TAG_BODY)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .body("type", equalTo("DELETE"))
                .body("status", equalTo("OPEN"))
                .body("tag", equalTo("Delete"))
                .body("channel", equalTo("WEB_FORM"))
                .body("subjectEmail", nullValue())
                .body("timeline", hasSize(1))
                .body("timeline[0].kind", equalTo("OPENED"))
                .body("timeline[0].status", equalTo("OPEN"))
                .extract();
        String requestId = response.path("requestId");
        assertThat(response.header("Location")).endsWith("/accounts/" + accountId + "/rights-requests/" + requestId);
        Instant received = Instant.parse(response.path("receivedAt"));
        assertThat(received).isBetween(before, Instant.now().plusSeconds(1));
        StatutoryClock.Deadlines deadlines =
                new StatutoryClock().deadlines(io.chatprivacy.request.domain.RequestType.DELETE, received);
        assertThat(Instant.parse(response.<String>path("acknowledgeBy"))).isEqualTo(deadlines.acknowledgeBy());
        assertThat(Instant.parse(response.<String>path("dueAt"))).isEqualTo(deadlines.dueAt());
        assertThat(response.<String>path("openedBy")).startsWith("user-");

        ConsumerRecord<String, String> event = awaitEvent(kafka, "request.opened.v1", requestId);
        assertThat(event.key()).isEqualTo(accountId.toString());
        assertThat(header(event, "ce_accountid")).isEqualTo(accountId.toString());
        assertThat(header(event, "ce_source")).isEqualTo("/request-service");
        JsonNode data = mapper.readTree(event.value());
        // the sample shows a status token; a request opened by an agent has none (only the privacy center's do)
        com.fasterxml.jackson.databind.node.ObjectNode agentsShape =
                GoldenEvent.load("request-events", "request.opened.v1").data().deepCopy();
        agentsShape.putNull("sealedStatusToken");
        AccountResourceTest.assertSameShape(data, agentsShape);
        assertThat(data.get("sealedStatusToken").isNull()).isTrue();
        assertThat(data.get("requestId").asText()).isEqualTo(requestId);
        assertThat(data.get("tag").asText()).isEqualTo("Delete");
        assertThat(data.get("channel").asText()).isEqualTo("WEB_FORM");
        assertThat(data.get("openedBy").asText()).isEqualTo(response.<String>path("openedBy"));
        assertThat(Instant.parse(data.get("dueAt").asText())).isEqualTo(deadlines.dueAt());
    }

    @Test
    void aDeletionForADataSubjectCarriesTheirAddressAndNoTag() throws Exception {
        String requestId = given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"type\":\"DELETE\",\"subjectEmail\":\"Visitor@Example.com\",\"channel\":\"EMAIL\"}")
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .body("subjectEmail", equalTo("visitor@example.com"))
                .body("tag", nullValue())
                .body("timeline[0].summary", org.hamcrest.Matchers.containsString("one data subject"))
                .extract()
                .path("requestId");

        JsonNode data = mapper.readTree(
                awaitEvent(kafka, "request.opened.v1", requestId).value());
        assertThat(data.get("subjectEmail").asText()).isEqualTo("visitor@example.com");
        assertThat(data.get("tag").isNull()).isTrue();
        assertThat(data.get("channel").asText()).isEqualTo("EMAIL");
    }

    @Test
    void invalidRequestsNameTheFieldAtFaultAndStoreNothing() {
        long before = countRequests();
        rejected(
                        "{\"type\":\"DELETE\",\"tag\":\"Delete\",\"subjectEmail\":\"v@example.com\",\"channel\":\"EMAIL\"}",
                        400)
                .body("violations.field", containsInAnyOrder("tag", "subjectEmail"));
        rejected("{\"type\":\"DELETE\",\"channel\":\"EMAIL\"}", 400)
                .body("violations.field", containsInAnyOrder("tag", "subjectEmail"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"" + "x".repeat(101) + "\",\"channel\":\"CHAT\"}", 400)
                .body("violations.field", hasItem("tag"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"   \",\"channel\":\"CHAT\"}", 400)
                .body("violations.field", hasItem("tag"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"\",\"channel\":\"CHAT\"}", 400)
                .body("violations.field", hasItem("tag"));
        rejected("{\"type\":\"DELETE\",\"subjectEmail\":\"not-an-address\",\"channel\":\"EMAIL\"}", 400)
                .body("violations.field", hasItem("subjectEmail"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"Delete\"}", 400).body("violations.field", hasItem("channel"));
        rejected("{\"type\":\"ERASE\",\"tag\":\"Delete\",\"channel\":\"CHAT\"}", 400)
                .body("violations.field", hasItem("type"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"Delete\",\"channel\":\"PIGEON\"}", 400)
                .body("violations.field", hasItem("channel"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"Delete\",\"channel\":\"CHAT\",\"priority\":1}", 400)
                .body("violations.field", hasItem("priority"));
        rejected("{\"type\":\"DELETE\",\"tag\":\"Delete\",\"subjectVisitorId\":\"v-1\",\"channel\":\"CHAT\"}", 400)
                .body("violations.field", hasItem("subjectVisitorId"));
        rejected(
                        "{\"type\":\"ACCESS\",\"tag\":\"Delete\",\"subjectEmail\":\"v@example.com\",\"channel\":\"EMAIL\"}",
                        400)
                .body("violations.field", hasItem("tag"));
        rejected("not json", 400);
        assertThat(countRequests()).isEqualTo(before);
    }

    @Test
    void accountsAreKeptApart() {
        String requestId = open(agent, TAG_BODY);
        UUID otherAccount = accountService
                .register("Other", "owner@other.example", List.of())
                .account()
                .id();
        String otherOwner = TestTokens.token(otherAccount, "owner");

        // a token of another account cannot reach this account's paths at all
        given().auth()
                .oauth2(otherOwner)
                .contentType("application/json")
                .body(TAG_BODY)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(otherOwner)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, requestId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(otherOwner)
                .get("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(otherOwner)
                .contentType("application/json")
                .body("{\"reason\":\"LEGAL_HOLD\",\"note\":\"x\"}")
                .post("/accounts/{accountId}/rights-requests/{id}/decline", accountId, requestId)
                .then()
                .statusCode(403);
        // nor can it find this account's request under its own account
        given().auth()
                .oauth2(otherOwner)
                .get("/accounts/{accountId}/rights-requests/{id}", otherAccount, requestId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(otherOwner)
                .contentType("application/json")
                .body("{\"reason\":\"LEGAL_HOLD\",\"note\":\"x\"}")
                .post("/accounts/{accountId}/rights-requests/{id}/decline", otherAccount, requestId)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(otherOwner)
                .get("/accounts/{accountId}/rights-requests", otherAccount)
                .then()
                .statusCode(200)
                .body("$", hasSize(0));
        // without a token nothing answers
        given().get("/accounts/{accountId}/rights-requests/{id}", accountId, requestId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        // an account the registry does not know cannot have requests
        UUID unknown = UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.token(unknown, "agent"))
                .contentType("application/json")
                .body(TAG_BODY)
                .post("/accounts/{accountId}/rights-requests", unknown)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertThat(getStatus(requestId)).isEqualTo("OPEN");
    }

    @Test
    void readsOneRequestWithItsTimelineAndListsThemByStatus() {
        String kept = open(agent, TAG_BODY);
        String declined = open(agent, "{\"type\":\"DELETE\",\"tag\":\"Spam\",\"channel\":\"CHAT\"}");
        decline(declined, "{\"reason\":\"BUSINESS_NECESSITY\",\"note\":\"Open invoice\"}")
                .statusCode(200);

        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, declined)
                .then()
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("decline.reason", equalTo("BUSINESS_NECESSITY"))
                .body("decline.note", equalTo("Open invoice"))
                .body("closedAt", notNullValue())
                .body("timeline.kind", org.hamcrest.Matchers.contains("OPENED", "DECLINED"))
                .body("timeline.seq", org.hamcrest.Matchers.contains(1, 2));

        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests?status=declined", accountId)
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.contains(declined));
        given().auth()
                .oauth2(owner)
                .get("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(200)
                .body("requestId", org.hamcrest.Matchers.contains(declined, kept))
                .body("timeline", everyItem(nullValue()));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests?limit=1", accountId)
                .then()
                .statusCode(200)
                .body("$", hasSize(1));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests?status=LOST", accountId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("status"));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests?limit=0", accountId)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("limit"));
        given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheOwnerDeclinesOnceAndTheDeclineIsAnnounced() throws Exception {
        String requestId = open(agent, TAG_BODY);
        String body = "{\"reason\":\"LEGAL_HOLD\",\"note\":\"Litigation hold on these chats.\"}";

        given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests/{id}/decline", accountId, requestId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        decline(requestId, "{\"reason\":\"BECAUSE\",\"note\":\"x\"}")
                .statusCode(400)
                .body("violations.field", hasItem("reason"));
        decline(requestId, "{\"reason\":\"LEGAL_HOLD\"}").statusCode(400).body("violations.field", hasItem("note"));
        decline(requestId, "{\"reason\":\"LEGAL_HOLD\",\"note\":\"" + "n".repeat(1001) + "\"}")
                .statusCode(400)
                .body("violations.field", hasItem("note"));
        assertThat(getStatus(requestId)).isEqualTo("OPEN");

        String declinedBy = decline(requestId, body)
                .statusCode(200)
                .body("status", equalTo("DECLINED"))
                .body("decline.reason", equalTo("LEGAL_HOLD"))
                .body("timeline[1].kind", equalTo("DECLINED"))
                .extract()
                .path("decline.declinedBy");
        decline(requestId, "{\"reason\":\"CANNOT_VERIFY\",\"note\":\"again\"}")
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("request-closed"));
        decline(UUID.randomUUID().toString(), body).statusCode(404);

        ConsumerRecord<String, String> event = awaitEvent(kafka, "request.declined.v1", requestId);
        assertThat(event.key()).isEqualTo(accountId.toString());
        JsonNode data = mapper.readTree(event.value());
        AccountResourceTest.assertSameShape(
                data, GoldenEvent.load("request-events", "request.declined.v1").data());
        assertThat(data.get("reason").asText()).isEqualTo("LEGAL_HOLD");
        assertThat(data.get("note").asText()).isEqualTo("Litigation hold on these chats.");
        assertThat(data.get("tag").asText()).isEqualTo("Delete");
        assertThat(data.get("declinedBy").asText()).isEqualTo(declinedBy);
        assertThat(data.get("requestType").asText()).isEqualTo("DELETE");
    }

    @Test
    void aCompletedRequestCannotBeDeclined() {
        String requestId = open(agent, TAG_BODY);
        QuarkusTransaction.requiringNew().run(() -> {
            var request = requests.findById(UUID.fromString(requestId));
            UUID job = UUID.randomUUID();
            Instant now = Instant.now();
            request.verificationIssued(job, 1, 1, now.plusSeconds(1800), now, now, "test-1");
            request.purgeCompleted(job, UUID.randomUUID(), 1, 1, 0, 0, now, now, "test-2");
        });
        decline(requestId, "{\"reason\":\"LEGAL_HOLD\",\"note\":\"too late\"}").statusCode(409);
        assertThat(getStatus(requestId)).isEqualTo("COMPLETED");
    }

    private io.restassured.response.ValidatableResponse rejected(String body, int status) {
        return given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(status)
                .contentType("application/problem+json");
    }

    private io.restassured.response.ValidatableResponse decline(String requestId, String body) {
        return given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests/{id}/decline", accountId, requestId)
                .then();
    }

    private String getStatus(String requestId) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{accountId}/rights-requests/{id}", accountId, requestId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    private long countRequests() {
        return QuarkusTransaction.requiringNew().call(() -> requests.count("accountId", accountId));
    }

    private String open(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .extract()
                .path("requestId");
    }

    static ConsumerRecord<String, String> awaitEvent(KafkaCompanion kafka, String type, String requestId) {
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("request-events");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> task.getRecords().stream().anyMatch(r -> matches(r, type, requestId)));
            return task.getRecords().stream()
                    .filter(r -> matches(r, type, requestId))
                    .findFirst()
                    .orElseThrow();
        } finally {
            task.stop();
        }
    }

    private static boolean matches(ConsumerRecord<String, String> record, String type, String requestId) {
        return type.equals(header(record, "ce_type")) && requestId.equals(header(record, "ce_subject"));
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
