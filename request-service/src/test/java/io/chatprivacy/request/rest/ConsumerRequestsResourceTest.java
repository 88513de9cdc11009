package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every consumer request type over HTTP: validation, the clock, duplicates, the one extension, agents' views. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class ConsumerRequestsResourceTest {

    @Inject
    AccountService accountService;

    @Inject
    RightsRequestRepository requests;

    @Inject
    StatutoryClock statutoryClock;

    @Inject
    TestClock clock;

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
                .register("Acme", "owner@acme.example", List.of())
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
        owner = TestTokens.token(accountId, "owner");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void eachConsumerRequestTypeOpensWithItsStatutoryClockAndIsAnnounced() throws Exception {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var access = open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"Ann@Example.com\",\"channel\":\"EMAIL\"}")
                    .statusCode(201)
                    .body("subjectEmail", equalTo("ann@example.com"))
                    .body("daysLeft", equalTo(45))
                    .body("businessDaysLeft", nullValue())
                    .body("overdue", equalTo(false))
                    .extract();
            assertDates(access, RequestType.ACCESS);

            var correct = open(
                            agent,
                            "{\"type\":\"CORRECT\",\"subjectEmail\":\"ann.s@example.com\","
                                    + "\"subjectVisitorId\":\"v-42\",\"channel\":\"CHAT\","
                                    + "\"correction\":{\"field\":\"NAME\",\"value\":\" Ann Smith \"}}")
                    .statusCode(201)
                    .body("correction.field", equalTo("NAME"))
                    .body("correction.value", equalTo("Ann Smith"))
                    .body("timeline[0].details.correctionField", equalTo("NAME"))
                    .extract();
            assertDates(correct, RequestType.CORRECT);
            // the corrected value is personal data: never in the timeline
            assertThat(correct.body().asString().indexOf("Ann Smith"))
                    .isEqualTo(correct.body().asString().lastIndexOf("Ann Smith"));

            var optOut = open(
                            owner,
                            "{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-2f6d0c9e\",\"channel\":\"AUTHORIZED_AGENT\","
                                    + "\"agentName\":\"Privacy Helpers LLC\",\"signedPermission\":true}")
                    .statusCode(201)
                    .body("agentName", equalTo("Privacy Helpers LLC"))
                    .body("signedPermission", equalTo(true))
                    // the opt-out clock counts business days: 15 of them, whatever weekends lie between
                    .body("businessDaysLeft", equalTo(15))
                    .extract();
            assertDates(optOut, RequestType.OPT_OUT);
            Instant received = Instant.parse(optOut.path("receivedAt"));
            assertThat(Instant.parse(optOut.<String>path("dueAt")))
                    .isEqualTo(statutoryClock.plusBusinessDays(received, 15))
                    .isBefore(received.plus(Duration.ofDays(45)));

            var limit = open(agent, "{\"type\":\"LIMIT\",\"subjectEmail\":\"bo@example.com\",\"channel\":\"WEB_FORM\"}")
                    .statusCode(201)
                    .extract();
            assertDates(limit, RequestType.LIMIT);

            for (var opened : List.of(access, correct, optOut, limit)) {
                String requestId = opened.path("requestId");
                JsonNode data = mapper.readTree(
                        events.await("request.opened.v1", requestId).value());
                assertThat(fieldNames(data))
                        .containsExactlyInAnyOrderElementsOf(
                                fieldNames(GoldenEvent.load("request-events", "request.opened.v1")
                                        .data()));
                assertThat(data.get("tag").isNull()).isTrue();
                assertThat(data.get("requestType").asText()).isEqualTo(opened.<String>path("type"));
                assertThat(Instant.parse(data.get("dueAt").asText()))
                        .isEqualTo(Instant.parse(opened.<String>path("dueAt")));
                if (opened != correct) {
                    assertThat(data.get("correction").isNull()).isTrue();
                }
            }
            // deletion-service needs the correction to apply it
            JsonNode correctEvent = mapper.readTree(
                    events.await("request.opened.v1", correct.path("requestId")).value());
            assertThat(correctEvent.get("correction").get("field").asText()).isEqualTo("NAME");
            assertThat(correctEvent.get("correction").get("value").asText()).isEqualTo("Ann Smith");
            JsonNode optOutEvent = mapper.readTree(
                    events.await("request.opened.v1", optOut.path("requestId")).value());
            assertThat(optOutEvent.get("subjectVisitorId").asText()).isEqualTo("v-2f6d0c9e");
            assertThat(optOutEvent.toString()).doesNotContain("Privacy Helpers");
        }
    }

    @Test
    void incompleteOrInconsistentRequestsNameTheFieldAndStoreNothing() {
        long before = count();
        open(agent, "{\"type\":\"LIMIT\",\"channel\":\"EMAIL\"}")
                .statusCode(400)
                .body("violations.field", hasItems("subjectEmail", "subjectVisitorId"));
        open(agent, "{\"type\":\"OPT_OUT\",\"tag\":\"Delete\",\"subjectVisitorId\":\"v-1\",\"channel\":\"CHAT\"}")
                .statusCode(400)
                .body("violations.field", hasItem("tag"));
        open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"a@example.com\",\"channel\":\"AUTHORIZED_AGENT\"}")
                .statusCode(400)
                .body("violations.field", hasItems("agentName", "signedPermission"));
        open(
                        agent,
                        "{\"type\":\"ACCESS\",\"subjectEmail\":\"a@example.com\",\"channel\":\"CHAT\","
                                + "\"agentName\":\"Someone\"}")
                .statusCode(400)
                .body("violations.field", hasItem("agentName"));
        open(agent, "{\"type\":\"CORRECT\",\"subjectEmail\":\"a@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(400)
                .body("violations.field", hasItem("correction"));
        // the copy goes to the consumer's address: an access request needs one, a visitor id is not enough
        open(agent, "{\"type\":\"ACCESS\",\"subjectVisitorId\":\"v-1\",\"channel\":\"CHAT\"}")
                .statusCode(400)
                .body("violations.field", contains("subjectEmail"));
        // a name correction is verified against the consumer's address and told there
        open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectVisitorId\":\"v-1\",\"channel\":\"CHAT\","
                                + "\"correction\":{\"field\":\"NAME\",\"value\":\"Ann\"}}")
                .statusCode(400)
                .body("violations.field", contains("subjectEmail"));
        // the address being corrected cannot identify the consumer: the visitor id must
        open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectEmail\":\"old@example.com\",\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"EMAIL\",\"value\":\"new@example.com\"}}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("subjectVisitorId"));
        // and the address it replaces says which items carry the wrong value
        open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectVisitorId\":\"v-1\",\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"EMAIL\",\"value\":\"new@example.com\"}}")
                .statusCode(400)
                .body("violations.field", contains("subjectEmail"));
        open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectVisitorId\":\"v-1\",\"subjectEmail\":\"old@example.com\","
                                + "\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"EMAIL\",\"value\":\"not an address\"}}")
                .statusCode(400)
                .body("violations.field", hasItem("correction.value"));
        open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectEmail\":\"a@example.com\",\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"AGE\",\"value\":\"42\"}}")
                .statusCode(400);
        open(
                        agent,
                        "{\"type\":\"ACCESS\",\"subjectEmail\":\"a@example.com\",\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"NAME\",\"value\":\"Ann\"}}")
                .statusCode(400)
                .body("violations.field", hasItem("correction"));
        // consent-service takes visitor ids of letters, digits, _ and - only
        open(agent, "{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v.1:2\",\"channel\":\"CHAT\"}")
                .statusCode(400)
                .body("violations.field", hasItem("subjectVisitorId"));
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aRequestReceivedBeforeItWasLoggedCountsFromItsReceipt() throws Exception {
        Instant now = Instant.parse("2026-06-15T12:00:00Z");
        clock.set(now);
        long before = count();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            // arrived by mail ten days ago, logged today: the clock has been running since then
            Instant received = Instant.parse("2026-06-05T09:30:00Z");
            var mailed = open(
                            agent,
                            "{\"type\":\"ACCESS\",\"subjectEmail\":\"mailed@example.com\",\"channel\":\"EMAIL\","
                                    + "\"receivedAt\":\"2026-06-05T09:30:00Z\"}")
                    .statusCode(201)
                    .body("receivedAt", equalTo("2026-06-05T09:30:00Z"))
                    .body("dueAt", equalTo("2026-07-20T09:30:00Z"))
                    .body("daysLeft", equalTo(35))
                    .body("timeline[0].at", equalTo("2026-06-05T09:30:00Z"))
                    .body("timeline[0].details.loggedAt", org.hamcrest.Matchers.startsWith("2026-06-15T12:0"))
                    .extract();
            assertThat(Instant.parse(mailed.<String>path("acknowledgeBy")))
                    .isEqualTo(statutoryClock
                            .deadlines(RequestType.ACCESS, received)
                            .acknowledgeBy());
            JsonNode data = mapper.readTree(
                    events.await("request.opened.v1", mailed.path("requestId")).value());
            assertThat(Instant.parse(data.get("receivedAt").asText())).isEqualTo(received);
            assertThat(Instant.parse(data.get("acknowledgeBy").asText()))
                    .isEqualTo(statutoryClock.plusBusinessDays(received, 10));
            assertThat(Instant.parse(data.get("dueAt").asText())).isEqualTo(Instant.parse("2026-07-20T09:30:00Z"));
        }
        // 23 months back is within the records' retention: accepted, and overdue at once
        open(
                        agent,
                        "{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-old\",\"channel\":\"EMAIL\","
                                + "\"receivedAt\":\"2024-07-15T12:00:00Z\"}")
                .statusCode(201)
                .body("receivedAt", equalTo("2024-07-15T12:00:00Z"))
                .body("overdue", equalTo(true));
        // a couple of minutes ahead is the agent's clock running fast: it counts as now
        String skewed = open(
                        agent,
                        "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-skew\",\"channel\":\"CHAT\","
                                + "\"receivedAt\":\"2026-06-15T12:02:00Z\"}")
                .statusCode(201)
                .extract()
                .path("receivedAt");
        assertThat(Instant.parse(skewed)).isBetween(now, now.plus(Duration.ofMinutes(1)));
        // no receivedAt: now
        String logged = open(agent, "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-now\",\"channel\":\"CHAT\"}")
                .statusCode(201)
                .extract()
                .path("receivedAt");
        assertThat(Instant.parse(logged)).isBetween(now, now.plus(Duration.ofMinutes(1)));
        assertThat(count()).isEqualTo(before + 4);

        // in the future, older than the records are kept, or no instant: refused, nothing stored
        open(
                        agent,
                        "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-1\",\"channel\":\"CHAT\","
                                + "\"receivedAt\":\"2026-06-15T12:10:00Z\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("receivedAt"));
        open(
                        agent,
                        "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-2\",\"channel\":\"CHAT\","
                                + "\"receivedAt\":\"2024-06-14T12:00:00Z\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("receivedAt"));
        open(
                        agent,
                        "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-3\",\"channel\":\"CHAT\","
                                + "\"receivedAt\":\"last Tuesday\"}")
                .statusCode(400)
                .body("violations.field", hasItem("receivedAt"));
        assertThat(count()).isEqualTo(before + 4);
    }

    @Test
    void aRepeatedRequestOfTheSameConsumerIsLinkedToTheOpenOne() {
        String first = open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"cy@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        var again = open(owner, "{\"type\":\"ACCESS\",\"subjectEmail\":\"CY@example.com\",\"channel\":\"CHAT\"}")
                .statusCode(200)
                .body("requestId", equalTo(first))
                .body("duplicate", equalTo(true))
                .body("timeline.kind", contains("OPENED", "DUPLICATE_RECEIVED"))
                .extract();
        assertThat(again.header("Location")).endsWith("/rights-requests/" + first);
        // by visitor id too
        String byVisitor = open(agent, "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-7\",\"channel\":\"CHAT\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        open(
                        agent,
                        "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-7\",\"subjectEmail\":\"dee@example.com\",\"channel\":\"WEB_FORM\"}")
                .statusCode(200)
                .body("requestId", equalTo(byVisitor));
        // another right of the same consumer is a request of its own
        open(agent, "{\"type\":\"DELETE\",\"subjectEmail\":\"cy@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201);
        assertThat(count()).isEqualTo(3);
        // once the first is closed, the consumer may ask again
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"reason\":\"CANNOT_VERIFY\",\"note\":\"No match\"}")
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, first)
                .then()
                .statusCode(200);
        open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"cy@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .body("duplicate", nullValue());
        assertThat(count()).isEqualTo(4);
    }

    @Test
    void oneExtensionWithAReasonBeforeTheDueDateAndTheConsumerIsTold() throws Exception {
        String requestId = open(
                        agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"ed@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        extend(requestId, "{}")
                .statusCode(422)
                .body("type", endsWith("extension-reason-required"))
                .body("violations.field", hasItem("reason"));
        extend(requestId, "{\"reason\":\"   \"}").statusCode(422);
        extend(requestId, "{\"reason\":\"" + "r".repeat(1001) + "\"}").statusCode(400);
        assertThat(read(requestId).extract().<String>path("extendedDueAt")).isNull();

        try (RequestEvents events = RequestEvents.read(kafka)) {
            var extended = extend(requestId, "{\"reason\":\"Archives must be restored first.\"}")
                    .statusCode(200)
                    .body("extension.reason", equalTo("Archives must be restored first."))
                    .body("daysLeft", equalTo(90))
                    .body("timeline[1].kind", equalTo("EXTENDED"))
                    .extract();
            Instant due = Instant.parse(extended.path("dueAt"));
            assertThat(Instant.parse(extended.<String>path("extendedDueAt")))
                    .isEqualTo(due.plus(Duration.ofDays(45)))
                    .isEqualTo(Instant.parse(extended.<String>path("effectiveDueAt")));

            JsonNode data = mapper.readTree(
                    events.await("request.extended.v1", requestId).value());
            AccountResourceTest.assertSameShape(
                    data,
                    GoldenEvent.load("request-events", "request.extended.v1").data());
            assertThat(data.get("reason").asText()).isEqualTo("Archives must be restored first.");
            assertThat(data.get("subjectEmail").asText()).isEqualTo("ed@example.com");
            assertThat(Instant.parse(data.get("extendedDueAt").asText())).isEqualTo(due.plus(Duration.ofDays(45)));
        }
        extend(requestId, "{\"reason\":\"Once more\"}").statusCode(409).body("type", endsWith("already-extended"));

        // after the original due date it is too late
        String late = open(
                        agent,
                        "{\"type\":\"CORRECT\",\"subjectEmail\":\"fay@example.com\",\"subjectVisitorId\":\"v-fay\","
                                + "\"channel\":\"EMAIL\","
                                + "\"correction\":{\"field\":\"EMAIL\",\"value\":\"fay@new.example\"}}")
                .statusCode(201)
                .extract()
                .path("requestId");
        clock.set(Instant.now().plus(Duration.ofDays(46)));
        extend(late, "{\"reason\":\"Busy\"}").statusCode(422).body("type", endsWith("extension-too-late"));
        read(late).body("overdue", equalTo(true)).body("daysLeft", equalTo(-1));
        clock.reset();

        // opt-outs cannot be extended; closed requests neither
        String optOut = open(agent, "{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-9\",\"channel\":\"CHAT\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        extend(optOut, "{\"reason\":\"Busy\"}").statusCode(422).body("type", endsWith("extension-not-allowed"));
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"reason\":\"LEGAL_HOLD\",\"note\":\"Hold\"}")
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, late)
                .then()
                .statusCode(200);
        extend(late, "{\"reason\":\"Busy\"}").statusCode(409).body("type", endsWith("request-closed"));
        extend(UUID.randomUUID().toString(), "{\"reason\":\"Busy\"}").statusCode(404);
        given().contentType("application/json")
                .body("{\"reason\":\"x\"}")
                .post("/accounts/{a}/rights-requests/{r}/extension", accountId, requestId)
                .then()
                .statusCode(401);
    }

    @Test
    void agentsFilterByTypeAndStatusAndSeeOverdueRequestsFirst() {
        clock.set(Instant.now().minus(Duration.ofDays(50)));
        String overdue = open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"old@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        clock.reset();
        String fresh = open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"new@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        String optOut = open(agent, "{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-11\",\"channel\":\"CHAT\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        String declined = open(agent, "{\"type\":\"ACCESS\",\"subjectEmail\":\"no@example.com\",\"channel\":\"EMAIL\"}")
                .statusCode(201)
                .extract()
                .path("requestId");
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"reason\":\"CANNOT_VERIFY\",\"note\":\"No match\"}")
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, declined)
                .then()
                .statusCode(200);

        list("?sort=due")
                .body("requestId", contains(overdue, optOut, fresh, declined))
                .body("overdue", contains(true, false, false, null))
                .body("[0].daysLeft", equalTo(-5));
        list("?type=access").body("requestId", contains(declined, fresh, overdue));
        list("?type=ACCESS&status=OPEN&sort=due").body("requestId", contains(overdue, fresh));
        list("?type=PARDON").statusCode(400).body("violations.field", hasItem("type"));
        list("?sort=priority").statusCode(400).body("violations.field", hasItem("sort"));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private void assertDates(ExtractableResponse<Response> opened, RequestType type) {
        Instant received = Instant.parse(opened.path("receivedAt"));
        StatutoryClock.Deadlines deadlines = statutoryClock.deadlines(type, received);
        assertThat(Instant.parse(opened.<String>path("acknowledgeBy"))).isEqualTo(deadlines.acknowledgeBy());
        assertThat(Instant.parse(opened.<String>path("dueAt"))).isEqualTo(deadlines.dueAt());
        assertThat(Instant.parse(opened.<String>path("effectiveDueAt"))).isEqualTo(deadlines.dueAt());
        assertThat(opened.<Integer>path("daysLeft").longValue())
                .isEqualTo(statutoryClock.daysLeft(deadlines.dueAt(), received));
    }

    private ValidatableResponse open(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then();
    }

    private ValidatableResponse extend(String requestId, String body) {
        return given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{a}/rights-requests/{r}/extension", accountId, requestId)
                .then();
    }

    private ValidatableResponse read(String requestId) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                .then()
                .statusCode(200);
    }

    private ValidatableResponse list(String query) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests" + query, accountId)
                .then();
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> requests.count("accountId", accountId));
    }
}
