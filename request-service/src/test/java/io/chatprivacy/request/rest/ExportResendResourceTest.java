package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asking for a fresh copy of an ACCESS request's data over HTTP: who may, when, and what it records and announces. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class ExportResendResourceTest {

    private static final String EXPORT_REQUESTED = "request.export-requested.v1";

    @Inject
    AccountService accountService;

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
    void aFreshCopyIsRecordedAndAnnouncedAtMostOnceAMinute() throws Exception {
        String requestId =
                open("{\"type\":\"ACCESS\",\"subjectEmail\":\"Ann@Example.com\",\"subjectVisitorId\":\"v-ann\","
                        + "\"channel\":\"EMAIL\"}");
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var asked = requestExport(agent, requestId)
                    .statusCode(202)
                    .body("requestId", equalTo(requestId))
                    .body("status", equalTo("OPEN"))
                    .body("timeline", hasSize(2))
                    .body("timeline[1].kind", equalTo("EXPORT_REQUESTED"))
                    .body("timeline[1].status", equalTo("OPEN"))
                    .body("timeline[1].details.attempt", equalTo(2))
                    .extract();
            String agentId = asked.path("timeline[1].actor");
            assertThat(agentId).startsWith("user-");
            assertThat(asked.<String>path("timeline[1].details.requestedBy")).isEqualTo(agentId);

            ConsumerRecord<String, String> event = events.await(EXPORT_REQUESTED, requestId);
            assertThat(event.key()).isEqualTo(accountId.toString());
            assertThat(RequestEvents.header(event, "ce_accountid")).isEqualTo(accountId.toString());
            JsonNode data = mapper.readTree(event.value());
            AccountResourceTest.assertSameShape(
                    data, GoldenEvent.load("request-events", EXPORT_REQUESTED).data());
            assertThat(data.get("requestId").asText()).isEqualTo(requestId);
            assertThat(data.get("accountId").asText()).isEqualTo(accountId.toString());
            assertThat(data.get("attempt").asInt()).isEqualTo(2);
            assertThat(data.get("subjectEmail").asText()).isEqualTo("ann@example.com");
            assertThat(data.get("subjectVisitorId").asText()).isEqualTo("v-ann");
            assertThat(data.get("requestedBy").asText()).isEqualTo(agentId);
            Instant requestedAt = Instant.parse(data.get("requestedAt").asText());
            assertThat(requestedAt).isEqualTo(Instant.parse(asked.path("timeline[1].at")));

            // a double click: refused with the time it may be asked again, nothing recorded or announced
            requestExport(owner, requestId)
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", endsWith("export-recently-requested"))
                    .body(
                            "detail",
                            containsString(
                                    requestedAt.plus(Duration.ofMinutes(1)).toString()));
            read(requestId).body("timeline", hasSize(2));

            // a minute later the owner may ask again: the next attempt
            clock.set(Instant.now().plus(Duration.ofSeconds(61)));
            requestExport(owner, requestId)
                    .statusCode(202)
                    .body("timeline", hasSize(3))
                    .body("timeline[2].kind", equalTo("EXPORT_REQUESTED"))
                    .body("timeline[2].details.attempt", equalTo(3));
            clock.reset();
            await().atMost(RequestEvents.WAIT)
                    .until(() -> events.about(EXPORT_REQUESTED, requestId).size() == 2);
            assertThat(mapper.readTree(events.about(EXPORT_REQUESTED, requestId)
                                    .get(1)
                                    .value())
                            .get("attempt")
                            .asInt())
                    .isEqualTo(3);

            // the refused double click published nothing: two attempts, two events
            String marker = open("{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-marker\",\"channel\":\"CHAT\"}");
            assertThat(events.settledCount(EXPORT_REQUESTED, requestId, "request.opened.v1", marker))
                    .isEqualTo(2);
        }
    }

    @Test
    void onlyAnOpenAccessRequestOfTheCallersAccountGetsAFreshCopy() {
        String access = open("{\"type\":\"ACCESS\",\"subjectEmail\":\"bo@example.com\",\"channel\":\"EMAIL\"}");
        String optOut = open("{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-bo\",\"channel\":\"CHAT\"}");

        requestExport(agent, optOut)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("not-an-access-request"));
        requestExport(agent, UUID.randomUUID().toString()).statusCode(404).contentType("application/problem+json");
        String otherOwner = TestTokens.token(
                accountService
                        .register("Other", "owner@other.example", List.of())
                        .account()
                        .id(),
                "owner");
        requestExport(otherOwner, access).statusCode(403).contentType("application/problem+json");
        given().post("/accounts/{a}/rights-requests/{r}/export", accountId, access)
                .then()
                .statusCode(401);
        read(access).body("timeline", hasSize(1));
        read(optOut).body("timeline", hasSize(1));

        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"reason\":\"CANNOT_VERIFY\",\"note\":\"No match\"}")
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, access)
                .then()
                .statusCode(200);
        requestExport(agent, access)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("request-closed"));
        read(access).body("timeline.kind", equalTo(List.of("OPENED", "DECLINED")));
    }

    private String open(String body) {
        return given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .extract()
                .path("requestId");
    }

    private ValidatableResponse requestExport(String token, String requestId) {
        return given().auth()
                .oauth2(token)
                .post("/accounts/{a}/rights-requests/{r}/export", accountId, requestId)
                .then();
    }

    private ValidatableResponse read(String requestId) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                .then()
                .statusCode(200);
    }
}
