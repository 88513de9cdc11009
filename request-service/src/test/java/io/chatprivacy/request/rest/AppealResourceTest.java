package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.chatprivacy.request.service.AccountService;
import io.chatprivacy.request.service.DeadlineService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The appeal of a declined request, where the request's jurisdiction grants one, over HTTP. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class AppealResourceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Inject
    AccountService accountService;

    @Inject
    JurisdictionPacks packs;

    @Inject
    DeadlineService deadlines;

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
        clock.set(NOW);
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
    void aDeclinedColoradoRequestIsAppealedReversedAndOpenAgainUntilTheAppealsDueDate() throws Exception {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            String id = declined("CO", "cole@example.com");
            clock.set(NOW.plus(Duration.ofDays(3)));
            Instant appealedAt = clock.instant();
            var appealed = appeal(agent, id, "{\"statement\":\"I never asked to keep my chats; please send them.\"}")
                    .statusCode(200)
                    .body("status", equalTo("DECLINED"))
                    .body("jurisdiction", equalTo("CO"))
                    .body("appeal.statement", equalTo("I never asked to keep my chats; please send them."))
                    .body("appeal.decision", nullValue())
                    .body("timeline.kind", hasItem("APPEAL_RECEIVED"))
                    .extract();
            // Colorado decides within 45 days of the appeal (C.R.S. §6-1-1306)
            Instant due = Instant.parse(appealed.path("appeal.dueAt"));
            assertThat(due)
                    .isBetween(
                            appealedAt.plus(Duration.ofDays(45)),
                            appealedAt.plus(Duration.ofDays(45)).plusSeconds(30));
            // the statement stays on the request, out of the timeline
            assertThat(appealed.body().asString()).containsOnlyOnce("I never asked to keep my chats");

            JsonNode received = data(events.await("request.appeal-received.v1", id));
            assertThat(fieldNames(received)).containsExactlyElementsOf(sampleFields("request.appeal-received.v1"));
            assertThat(received.get("jurisdiction").asText()).isEqualTo("CO");
            assertThat(received.get("subjectEmail").asText()).isEqualTo("cole@example.com");
            assertThat(Instant.parse(received.get("dueAt").asText())).isEqualTo(due);

            // one appeal per request; an agent does not decide it
            appeal(owner, id, "{\"statement\":\"Again.\"}").statusCode(409).body("type", endsWith("already-appealed"));
            decide(agent, id, "{\"decision\":\"REVERSED\",\"explanation\":\"x\"}")
                    .statusCode(403);

            decide(
                            owner,
                            id,
                            "{\"decision\":\"REVERSED\",\"explanation\":\"The hold was lifted; the copy will be"
                                    + " sent.\"}")
                    .statusCode(200)
                    .body("status", equalTo("OPEN"))
                    .body("closedAt", nullValue())
                    .body("appeal.decision", equalTo("REVERSED"))
                    .body("effectiveDueAt", equalTo(due.toString()))
                    .body("overdue", equalTo(false))
                    .body("timeline.kind", hasItem("APPEAL_DECIDED"));
            JsonNode decided = data(events.await("request.appeal-decided.v1", id));
            assertThat(fieldNames(decided)).containsExactlyElementsOf(sampleFields("request.appeal-decided.v1"));
            assertThat(decided.get("decision").asText()).isEqualTo("REVERSED");
            assertThat(decided.get("attorneyGeneralContact").isNull()).isTrue();
            assertThat(decided.get("citation").asText()).isEqualTo("C.R.S. §6-1-1306");
            decide(owner, id, "{\"decision\":\"UPHELD\",\"explanation\":\"x\"}")
                    .statusCode(409)
                    .body("type", endsWith("appeal-already-decided"));

            // the reopened request is watched against the appeal's due date: a reminder within 7 days of it
            clock.set(due.minus(Duration.ofDays(6)));
            deadlines.sweep();
            assertThat(events.await("request.deadline-approaching.v1", id)).isNotNull();
        }
    }

    @Test
    void anUpheldDeclineInVirginiaTellsTheConsumerHowToReachTheAttorneyGeneral() throws Exception {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            String id = declined("VA", "val@example.com");
            Instant due = Instant.parse(appeal(agent, id, "{\"statement\":\"Please reconsider.\"}")
                    .statusCode(200)
                    .extract()
                    .path("appeal.dueAt"));
            // Virginia: 60 days (Va. Code §59.1-577)
            assertThat(due)
                    .isBetween(
                            NOW.plus(Duration.ofDays(60)),
                            NOW.plus(Duration.ofDays(60)).plusSeconds(30));
            decide(owner, id, "{\"decision\":\"UPHELD\",\"explanation\":\"A litigation hold still applies.\"}")
                    .statusCode(200)
                    .body("status", equalTo("DECLINED"))
                    .body("appeal.decision", equalTo("UPHELD"))
                    .body("appeal.explanation", equalTo("A litigation hold still applies."));
            JsonNode decided = data(events.await("request.appeal-decided.v1", id));
            assertThat(decided.get("decision").asText()).isEqualTo("UPHELD");
            assertThat(decided.get("attorneyGeneralContact").asText())
                    .isEqualTo(packs.find("VA").orElseThrow().appeal().attorneyGeneralContact());
            assertThat(decided.get("citation").asText()).isEqualTo("Va. Code §59.1-577");
            assertThat(decided.get("explanation").asText()).isEqualTo("A litigation hold still applies.");
        }
    }

    @Test
    void appealsAreRefusedWhereTheLawOrTheRequestDoesNotAllowThem() {
        // California grants no appeal
        String ca = declined("CA", "cal@example.com");
        appeal(agent, ca, "{\"statement\":\"Please.\"}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("appeal-not-available"))
                .body("violations.field", contains("jurisdiction"));
        // only a declined request
        String open = open("TX", "tex@example.com");
        appeal(agent, open, "{\"statement\":\"Please.\"}")
                .statusCode(409)
                .body("type", endsWith("request-not-declined"));
        decide(owner, open, "{\"decision\":\"UPHELD\",\"explanation\":\"x\"}")
                .statusCode(409)
                .body("type", endsWith("no-appeal"));
        // within the window: 60 days from the decline
        String late = declined("CT", "conn@example.com");
        Instant declinedAt = Instant.parse(read(late).extract().path("closedAt"));
        clock.set(declinedAt.plus(Duration.ofDays(60)).plusSeconds(1));
        appeal(agent, late, "{\"statement\":\"Please.\"}")
                .statusCode(422)
                .body("type", endsWith("appeal-window-passed"));
        // a statement is needed, free text without NUL
        clock.set(NOW);
        String oregon = declined("OR", "ore@example.com");
        appeal(agent, oregon, "{}").statusCode(400).body("violations.field", hasItem("statement"));
        appeal(agent, oregon, "{\"statement\":\"a\\u0000b\"}")
                .statusCode(400)
                .body("violations.field", hasItem("statement"));
        appeal(agent, oregon, "{\"statement\":\"Line one.\\nLine two.\"}").statusCode(200);
        // and nothing was recorded by a refusal
        for (String id : List.of(ca, open, late)) {
            read(id).body("appeal", nullValue())
                    .body("timeline.kind", org.hamcrest.Matchers.not(hasItem("APPEAL_RECEIVED")));
        }
        // another account's token
        given().auth()
                .oauth2(TestTokens.token(UUID.randomUUID(), "owner"))
                .contentType("application/json")
                .body("{\"statement\":\"x\"}")
                .post("/accounts/{a}/rights-requests/{r}/appeal", accountId, oregon)
                .then()
                .statusCode(403);
    }

    private String open(String jurisdiction, String email) {
        return given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body("{\"type\":\"ACCESS\",\"subjectEmail\":\"" + email
                        + "\",\"channel\":\"EMAIL\",\"jurisdiction\":\"" + jurisdiction + "\"}")
                .post("/accounts/{a}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .extract()
                .path("requestId");
    }

    private String declined(String jurisdiction, String email) {
        String id = open(jurisdiction, email);
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body("{\"reason\":\"LEGAL_HOLD\",\"note\":\"Litigation hold.\"}")
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, id)
                .then()
                .statusCode(200);
        return id;
    }

    private ValidatableResponse appeal(String token, String id, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{a}/rights-requests/{r}/appeal", accountId, id)
                .then();
    }

    private ValidatableResponse decide(String token, String id, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{a}/rights-requests/{r}/appeal/decision", accountId, id)
                .then();
    }

    private ValidatableResponse read(String id) {
        return given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests/{r}", accountId, id)
                .then()
                .statusCode(200);
    }

    private JsonNode data(org.apache.kafka.clients.consumer.ConsumerRecord<String, String> record) throws Exception {
        return mapper.readTree(record.value());
    }

    private static List<String> sampleFields(String type) {
        return fieldNames(GoldenEvent.load("request-events", type).data());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
