package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A request's jurisdiction decides its rights and clocks; the packs are readable by anyone. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class JurisdictionsResourceTest {

    @Inject
    AccountService accountService;

    @Inject
    RightsRequestRepository requests;

    @Inject
    StatutoryClock statutoryClock;

    @Inject
    JurisdictionPacks packs;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;
    private String agent;

    @BeforeEach
    void registerAccount() {
        accountId = accountService
                .register("Acme", "owner@acme.example", List.of())
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aVirginiaRequestCountsByVirginiasPackAndSaysSo() throws Exception {
        clock.set(Instant.parse("2026-11-20T09:31:00Z"));
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var access = open("{\"type\":\"ACCESS\",\"subjectEmail\":\"ann@example.com\",\"channel\":\"EMAIL\","
                            + "\"jurisdiction\":\"VA\",\"receivedAt\":\"2026-11-20T09:30:00Z\"}")
                    .statusCode(201)
                    .body("jurisdiction", equalTo("VA"))
                    .body("dueAt", equalTo("2027-01-04T09:30:00Z"))
                    .body("daysLeft", equalTo(45))
                    .extract();
            Instant received = Instant.parse(access.path("receivedAt"));
            assertThat(Instant.parse(access.<String>path("acknowledgeBy")))
                    .isEqualTo(statutoryClock.plusBusinessDays(received, 10));
            JsonNode data = mapper.readTree(
                    events.await("request.opened.v1", access.path("requestId")).value());
            assertThat(data.get("jurisdiction").asText()).isEqualTo("VA");
            assertThat(data.get("dueAt").asText()).isEqualTo("2027-01-04T09:30:00Z");

            // an opt-out in Virginia: 45 calendar days (California's 15 business days are California's), extendable
            String optOut = open("{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-va\",\"channel\":\"WEB_FORM\","
                            + "\"jurisdiction\":\"va\",\"receivedAt\":\"2026-11-20T09:30:00Z\"}")
                    .statusCode(201)
                    .body("jurisdiction", equalTo("VA"))
                    .body("dueAt", equalTo("2027-01-04T09:30:00Z"))
                    .body("businessDaysLeft", nullValue())
                    .extract()
                    .path("requestId");
            given().auth()
                    .oauth2(agent)
                    .contentType("application/json")
                    .body("{\"reason\":\"The consumer's visits span several sites.\"}")
                    .post("/accounts/{a}/rights-requests/{r}/extension", accountId, optOut)
                    .then()
                    .statusCode(200)
                    .body("extendedDueAt", equalTo("2027-02-18T09:30:00Z"));

            // without a jurisdiction: California's, as before (15 business days, not extendable)
            String caOptOut = open("{\"type\":\"OPT_OUT\",\"subjectVisitorId\":\"v-ca\",\"channel\":\"WEB_FORM\","
                            + "\"receivedAt\":\"2026-11-20T09:30:00Z\"}")
                    .statusCode(201)
                    .body("jurisdiction", equalTo("CA"))
                    .body("dueAt", equalTo("2026-12-14T09:30:00Z"))
                    .body("businessDaysLeft", equalTo(15))
                    .extract()
                    .path("requestId");
            assertThat(mapper.readTree(
                                    events.await("request.opened.v1", caOptOut).value())
                            .get("jurisdiction")
                            .asText())
                    .isEqualTo("CA");
            given().auth()
                    .oauth2(agent)
                    .contentType("application/json")
                    .body("{\"reason\":\"Busy.\"}")
                    .post("/accounts/{a}/rights-requests/{r}/extension", accountId, caOptOut)
                    .then()
                    .statusCode(422)
                    .body("type", endsWith("extension-not-allowed"))
                    .body("detail", org.hamcrest.Matchers.containsString("11 CCR §7026"));
        }
    }

    @Test
    void aRightTheJurisdictionDoesNotGrantIsRefusedNamingTheTypeAndNothingIsStored() {
        long before = count();
        open("{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-1\",\"channel\":\"WEB_FORM\",\"jurisdiction\":\"VA\"}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("right-not-granted"))
                .body("violations.field", contains("type"));
        open("{\"type\":\"ACCESS\",\"subjectEmail\":\"a@example.com\",\"channel\":\"EMAIL\",\"jurisdiction\":\"ZZ\"}")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("unknown-jurisdiction"))
                .body("violations.field", contains("jurisdiction"));
        open("{\"type\":\"ACCESS\",\"subjectEmail\":\"a@example.com\",\"channel\":\"EMAIL\","
                        + "\"jurisdiction\":\"Virginia\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("jurisdiction"));
        assertThat(count()).isEqualTo(before);
        // the same LIMIT in California is opened
        open("{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-1\",\"channel\":\"WEB_FORM\",\"jurisdiction\":\"CA\"}")
                .statusCode(201);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void thePacksAreReadableWithoutATokenAndAnUnknownCodeIsAProblem() {
        given().get("/jurisdictions")
                .then()
                .statusCode(200)
                .body("code", contains("CA", "VA", "CO", "CT", "OR", "TX"))
                .body("[0].responseByType.OPT_OUT.citation", equalTo("11 CCR §7026"))
                .body("[0].appeal", nullValue());
        given().get("/jurisdictions/co")
                .then()
                .statusCode(200)
                .body("name", equalTo("Colorado"))
                .body("rights.ACCESS.verification", equalTo(true))
                .body("rights.OPT_OUT.verification", equalTo(false))
                .body("rights.LIMIT", nullValue())
                .body("appeal.decision.days", equalTo(45))
                .body("appeal.decisionExtension.days", equalTo(60))
                .body("appeal.citation", equalTo("C.R.S. §6-1-1306"))
                .body("optOutSignals[0].signal", equalTo("GPC"))
                .body("optOutSignals[0].honouredFrom", equalTo("2024-07-01"));
        given().get("/jurisdictions/ZZ").then().statusCode(404).contentType("application/problem+json");
        assertThat(packs.find("TX").orElseThrow().grants(RequestType.LIMIT)).isFalse();
    }

    private ValidatableResponse open(String body) {
        return given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(body)
                .post("/accounts/{accountId}/rights-requests", accountId)
                .then();
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> requests.count("accountId", accountId));
    }
}
