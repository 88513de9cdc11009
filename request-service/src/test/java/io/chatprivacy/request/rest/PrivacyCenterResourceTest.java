package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.platform.crypto.TransportSeal;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.events.ConsumerVerificationIssuedEvent;
import io.chatprivacy.request.events.RequestOpenedEvent;
import io.chatprivacy.request.persistence.ConsumerIntakeRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

/**
 * The privacy center over HTTP and Kafka: opt-outs open at once without a code; access, deletion and
 * correction wait for the code mailed (sealed) to the consumer, which is single use, expires, locks after five
 * wrong tries; the request's clock counts from receipt; the status page opens only with its token.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class PrivacyCenterResourceTest {

    /** The %test key of application.properties (public, worthless). */
    private static final TransportSeal SEAL =
            TransportSeal.fromBase64Key("test", "ZGV2LW9ubHktY29kZS10cmFuc3BvcnQta2V5LTAwMDE=");

    @Inject
    AccountService accountService;

    @Inject
    ConsumerIntakeRepository intakes;

    @Inject
    TestClock clock;

    @Inject
    io.chatprivacy.request.service.RetentionService retention;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;

    @BeforeEach
    void registerAccount() {
        accountId = accountService
                .register("Acme Shop", "owner@acme.example", List.of())
                .account()
                .id();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCenterNamesTheAccountAndWhichRightsNeedACode() {
        given().get("/privacy-center/{a}", accountId)
                .then()
                .statusCode(200)
                .body("accountName", equalTo("Acme Shop"))
                .body("rights.find { it.type == 'ACCESS' }.verification", equalTo(true))
                .body("rights.find { it.type == 'DELETE' }.verification", equalTo(true))
                .body("rights.find { it.type == 'CORRECT' }.verification", equalTo(true))
                .body("rights.find { it.type == 'OPT_OUT' }.verification", equalTo(false))
                .body("rights.find { it.type == 'LIMIT' }.verification", equalTo(false));
        given().get("/privacy-center/{a}", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anOptOutOpensAtOnceWithoutACodeAndItsStatusPageOpensOnlyWithItsToken() throws Exception {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var answer = submit("{\"type\":\"OPT_OUT\",\"visitorId\":\"v-pc-1\"}")
                    .statusCode(201)
                    .body("status", equalTo("OPENED"))
                    .body("verificationRequired", equalTo(false))
                    .extract();
            String requestId = answer.path("requestId");
            String token = answer.path("statusToken");
            assertThat(token).hasSizeGreaterThanOrEqualTo(43);

            JsonNode opened = mapper.readTree(
                    events.await(RequestOpenedEvent.TYPE, requestId).value());
            assertThat(opened.get("requestType").asText()).isEqualTo("OPT_OUT");
            assertThat(opened.get("channel").asText()).isEqualTo("WEB_FORM");
            assertThat(opened.get("openedBy").asText()).isEqualTo("privacy-center");
            assertThat(opened.get("subjectVisitorId").asText()).isEqualTo("v-pc-1");
            // the receipt mail's link: the token, sealed for this request's status page only
            String sealed = opened.get("sealedStatusToken").asText();
            assertThat(sealed).doesNotContain(token);
            assertThat(SEAL.open(sealed, "status|" + requestId)).isEqualTo(token);

            status(requestId, token)
                    .statusCode(200)
                    .body("type", equalTo("OPT_OUT"))
                    .body("status", equalTo("OPEN"))
                    .body("history.what", hasItem("We received your request."))
                    .body("subjectVisitorId", nullValue())
                    .body("openedBy", nullValue());
            status(requestId, token + "x").statusCode(404).contentType("application/problem+json");
            given().get("/privacy-center/{a}/requests/{r}", accountId, requestId)
                    .then()
                    .statusCode(404);
            // the token opens its own request of its own account only
            String other = submit("{\"type\":\"LIMIT\",\"visitorId\":\"v-pc-2\"}")
                    .statusCode(201)
                    .extract()
                    .path("requestId");
            status(other, token).statusCode(404);
            given().header(PrivacyCenterResource.STATUS_TOKEN_HEADER, token)
                    .get("/privacy-center/{a}/requests/{r}", UUID.randomUUID(), requestId)
                    .then()
                    .statusCode(404);
            assertThat(events.about(ConsumerVerificationIssuedEvent.TYPE, answer.path("intakeId")))
                    .isEmpty();
        }
    }

    @Test
    void aRepeatedOptOutIsLinkedToTheOpenRequestAndGetsATokenOfItsOwn() {
        var first = submit("{\"type\":\"OPT_OUT\",\"email\":\"rep@example.com\"}")
                .statusCode(201)
                .extract();
        var second = submit("{\"type\":\"OPT_OUT\",\"email\":\"Rep@Example.com\"}")
                .statusCode(201)
                .extract();
        String requestId = first.path("requestId");
        assertThat((String) second.path("requestId")).isEqualTo(requestId);
        assertThat((String) second.path("statusToken")).isNotEqualTo(first.path("statusToken"));
        status(requestId, first.path("statusToken")).statusCode(200);
        status(requestId, second.path("statusToken"))
                .statusCode(200)
                .body("history.what", hasItem("You asked again; we are already working on your request."));
    }

    @Test
    void anAccessRequestWaitsForTheCodeAndCountsItsClockFromReceipt() throws Exception {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            Instant received = Instant.parse("2026-12-01T09:00:00Z");
            clock.set(received);
            var answer = submit("{\"type\":\"ACCESS\",\"email\":\"Ann@Example.com\"}")
                    .statusCode(202)
                    .body("status", equalTo("AWAITING_VERIFICATION"))
                    .body("verificationRequired", equalTo(true))
                    .body("codeExpiresAt", near(received.plus(Duration.ofHours(1))))
                    .body("requestId", nullValue())
                    .body("statusToken", nullValue())
                    .extract();
            String intakeId = answer.path("intakeId");
            String code = code(events, intakeId, 1);
            JsonNode issued = mapper.readTree(
                    events.await(ConsumerVerificationIssuedEvent.TYPE, intakeId).value());
            assertThat(issued.get("subjectEmail").asText()).isEqualTo("ann@example.com");
            assertThat(issued.get("requestType").asText()).isEqualTo("ACCESS");
            assertThat(issued.toString()).doesNotContain(code);
            assertThat(events.about(ConsumerVerificationIssuedEvent.TYPE, intakeId)
                            .get(0)
                            .key())
                    .isEqualTo(accountId.toString());

            clock.set(received.plus(Duration.ofMinutes(20)));
            verify(intakeId, wrong(code))
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chat-privacy:problem:wrong-code"))
                    .body("attemptsLeft", equalTo(4))
                    .body("detail", equalTo("The code is not right; 4 attempts left."));
            var opened = verify(intakeId, code)
                    .statusCode(201)
                    .body("status", equalTo("OPENED"))
                    .extract();
            String requestId = opened.path("requestId");
            String token = opened.path("statusToken");

            JsonNode event = mapper.readTree(
                    events.await(RequestOpenedEvent.TYPE, requestId).value());
            // the clock counts from the submission, not from the code presented twenty minutes later
            Instant receivedAt = Instant.parse(event.get("receivedAt").asText());
            assertThat(receivedAt).isBetween(received, received.plusSeconds(10));
            assertThat(Instant.parse(event.get("dueAt").asText())).isEqualTo(receivedAt.plus(Duration.ofDays(45)));
            assertThat(event.get("subjectEmail").asText()).isEqualTo("ann@example.com");
            assertThat(SEAL.open(event.get("sealedStatusToken").asText(), "status|" + requestId))
                    .isEqualTo(token);
            status(requestId, token)
                    .statusCode(200)
                    .body("type", equalTo("ACCESS"))
                    .body("receivedAt", equalTo(receivedAt.toString()))
                    .body("dueAt", equalTo(receivedAt.plus(Duration.ofDays(45)).toString()));

            // single use
            verify(intakeId, code).statusCode(409).body("type", equalTo("urn:chat-privacy:problem:already-verified"));
            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(409);
        }
    }

    @Test
    void fiveWrongCodesLockTheIntakeForGood() {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            String intakeId = submit("{\"type\":\"DELETE\",\"email\":\"lock@example.com\"}")
                    .statusCode(202)
                    .extract()
                    .path("intakeId");
            String code = code(events, intakeId, 1);
            for (int left = 4; left >= 1; left--) {
                verify(intakeId, wrong(code)).statusCode(422).body("attemptsLeft", equalTo(left));
            }
            verify(intakeId, wrong(code))
                    .statusCode(409)
                    .body("type", equalTo("urn:chat-privacy:problem:verification-locked"));
            verify(intakeId, code)
                    .statusCode(409)
                    .body("type", equalTo("urn:chat-privacy:problem:verification-locked"));
            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(409);
            QuarkusTransaction.requiringNew()
                    .run(() -> assertThat(
                                    intakes.findById(UUID.fromString(intakeId)).requestId())
                            .isNull());
        }
    }

    @Test
    void anExpiredCodeCountsNoAttemptAndANewCodeReplacesItUpToThree() {
        try (RequestEvents events = RequestEvents.read(kafka)) {
            Instant received = Instant.parse("2026-12-02T09:00:00Z");
            clock.set(received);
            String intakeId = submit("{\"type\":\"CORRECT\",\"email\":\"cor@example.com\","
                            + "\"correction\":{\"field\":\"NAME\",\"value\":\"Cora Smith\"}}")
                    .statusCode(202)
                    .extract()
                    .path("intakeId");
            String first = code(events, intakeId, 1);
            clock.set(received.plus(Duration.ofMinutes(61)));
            verify(intakeId, first).statusCode(410).body("type", equalTo("urn:chat-privacy:problem:code-expired"));

            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(202)
                    .body("codeExpiresAt", near(received.plus(Duration.ofMinutes(121))));
            String second = code(events, intakeId, 2);
            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(202);
            String third = code(events, intakeId, 3);
            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(429)
                    .contentType("application/problem+json");
            // a replaced code no longer works (unless the new one happens to be equal)
            if (!second.equals(third)) {
                verify(intakeId, second).statusCode(422).body("attemptsLeft", equalTo(4));
            }
            String requestId = verify(intakeId, third).statusCode(201).extract().path("requestId");
            JsonNode opened =
                    readJson(events.await(RequestOpenedEvent.TYPE, requestId).value());
            assertThat(Instant.parse(opened.get("receivedAt").asText())).isBetween(received, received.plusSeconds(10));
            assertThat(opened.get("correction").get("value").asText()).isEqualTo("Cora Smith");
        }
    }

    @Test
    void badSubmissionsAreRefusedNamingTheFieldAndStoreNothing() {
        long before = QuarkusTransaction.requiringNew().call(() -> intakes.count());
        submit("{\"type\":\"ACCESS\"}").statusCode(400).body("violations.field", hasItem("email"));
        submit("{\"type\":\"OPT_OUT\"}").statusCode(400).body("violations.field", hasItem("visitorId"));
        submit("{\"type\":\"ACCESS\",\"email\":\"a@b.example\",\"correction\":{\"field\":\"NAME\",\"value\":\"x\"}}")
                .statusCode(400)
                .body("violations.field", hasItem("correction"));
        submit(
                        "{\"type\":\"CORRECT\",\"email\":\"a@b.example\",\"correction\":{\"field\":\"EMAIL\",\"value\":\"new@b.example\"}}")
                .statusCode(400)
                .body("violations.field", hasItem("visitorId"));
        submit("{\"type\":\"ACCESS\",\"email\":\"a@b.example\\nBcc: x@evil.example\"}")
                .statusCode(400)
                .body("violations.field", hasItem("email"));
        submit("{\"type\":\"WHATEVER\",\"email\":\"a@b.example\"}").statusCode(400);
        verify(UUID.randomUUID().toString(), "12345678").statusCode(404);
        verify(UUID.randomUUID().toString(), "1234").statusCode(400).body("violations.field", hasItem("code"));
        long after = QuarkusTransaction.requiringNew().call(() -> intakes.count());
        assertThat(after).isEqualTo(before);
    }

    @Test
    void theConsumerChoosesTheJurisdictionWhoseLawTheRequestIsMadeUnder() throws Exception {
        given().get("/privacy-center/{a}", accountId)
                .then()
                .statusCode(200)
                .body("defaultJurisdiction", equalTo("CA"))
                .body("jurisdictions.code", hasItem("VA"))
                .body("jurisdictions.find { it.code == 'CA' }.rights.type", hasItem("LIMIT"))
                .body("jurisdictions.find { it.code == 'VA' }.rights.type", not(hasItem("LIMIT")));
        long before = QuarkusTransaction.requiringNew().call(() -> intakes.count());
        // a right the chosen law does not grant, or a law without a pack: refused before anything is stored or mailed
        submit("{\"type\":\"LIMIT\",\"visitorId\":\"v-va\",\"jurisdiction\":\"VA\"}")
                .statusCode(422)
                .body("type", equalTo("urn:chat-privacy:problem:right-not-granted"))
                .body("violations.field", hasItem("type"));
        submit("{\"type\":\"ACCESS\",\"email\":\"zz@example.com\",\"jurisdiction\":\"ZZ\"}")
                .statusCode(422)
                .body("violations.field", hasItem("jurisdiction"));
        submit("{\"type\":\"ACCESS\",\"email\":\"zz@example.com\",\"jurisdiction\":\"Virginia\"}")
                .statusCode(400)
                .body("violations.field", hasItem("jurisdiction"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> intakes.count()))
                .isEqualTo(before);

        try (RequestEvents events = RequestEvents.read(kafka)) {
            var optOut = submit("{\"type\":\"OPT_OUT\",\"visitorId\":\"v-va\",\"jurisdiction\":\"va\"}")
                    .statusCode(201)
                    .extract();
            String optOutId = optOut.path("requestId");
            assertThat(readJson(events.await(RequestOpenedEvent.TYPE, optOutId).value())
                            .get("jurisdiction")
                            .asText())
                    .isEqualTo("VA");
            status(optOutId, optOut.path("statusToken")).statusCode(200).body("jurisdiction", equalTo("VA"));

            // a verified request keeps the law it was submitted under until the code opens it
            String intakeId = submit("{\"type\":\"DELETE\",\"email\":\"co@example.com\",\"jurisdiction\":\"CO\"}")
                    .statusCode(202)
                    .extract()
                    .path("intakeId");
            String requestId = verify(intakeId, code(events, intakeId, 1))
                    .statusCode(201)
                    .extract()
                    .path("requestId");
            assertThat(readJson(events.await(RequestOpenedEvent.TYPE, requestId).value())
                            .get("jurisdiction")
                            .asText())
                    .isEqualTo("CO");
        }
    }

    @Test
    void anIntakeKeepsWhatTheConsumerSubmittedForTheRetentionPeriodOnly() {
        Instant received = Instant.parse("2026-12-04T08:00:00Z");
        clock.set(received);
        String intakeId = submit("{\"type\":\"CORRECT\",\"email\":\"old-intake@example.com\",\"visitorId\":\"v-old\","
                        + "\"correction\":{\"field\":\"NAME\",\"value\":\"Olga Old\"}}")
                .statusCode(202)
                .extract()
                .path("intakeId");
        clock.set(received.plus(Duration.ofDays(365 + 364)));
        retention.eraseExpiredIdentities();
        QuarkusTransaction.requiringNew()
                .run(() -> assertThat(
                                intakes.findById(UUID.fromString(intakeId)).subjectEmail())
                        .isEqualTo("old-intake@example.com"));
        clock.set(received.plus(Duration.ofDays(2 * 365 + 2)));
        retention.eraseExpiredIdentities();
        QuarkusTransaction.requiringNew().run(() -> {
            var intake = intakes.findById(UUID.fromString(intakeId));
            assertThat(intake.subjectEmail()).isNull();
            assertThat(intake.subjectVisitorId()).isNull();
            assertThat(intake.correctionValue()).isNull();
            assertThat(intake.type()).isEqualTo(io.chatprivacy.request.domain.RequestType.CORRECT);
        });
    }

    @Test
    void oneAddressMaySubmitTenRequestsADay() {
        Instant start = Instant.parse("2026-12-03T08:00:00Z");
        clock.set(start);
        for (int i = 0; i < 10; i++) {
            submit("{\"type\":\"ACCESS\",\"email\":\"busy@example.com\"}").statusCode(202);
        }
        submit("{\"type\":\"DELETE\",\"email\":\"BUSY@example.com\"}")
                .statusCode(429)
                .contentType("application/problem+json")
                .body("detail", not(equalTo(null)));
        submit("{\"type\":\"ACCESS\",\"email\":\"calm@example.com\"}").statusCode(202);
        clock.set(start.plus(Duration.ofHours(25)));
        submit("{\"type\":\"ACCESS\",\"email\":\"busy@example.com\"}").statusCode(202);
    }

    private ValidatableResponse submit(String body) {
        return given().contentType("application/json")
                .body(body)
                .post("/privacy-center/{a}/requests", accountId)
                .then();
    }

    private ValidatableResponse verify(String intakeId, String code) {
        return given().contentType("application/json")
                .body("{\"code\":\"" + code + "\"}")
                .post("/privacy-center/{a}/intakes/{i}/verification", accountId, intakeId)
                .then();
    }

    private ValidatableResponse status(String requestId, String token) {
        return given().header(PrivacyCenterResource.STATUS_TOKEN_HEADER, token)
                .get("/privacy-center/{a}/requests/{r}", accountId, requestId)
                .then();
    }

    /** The plain code of the intake's n-th code event, opened as notification-service opens it. */
    private String code(RequestEvents events, String intakeId, int number) {
        org.awaitility.Awaitility.await()
                .atMost(RequestEvents.WAIT)
                .until(() -> events.about(ConsumerVerificationIssuedEvent.TYPE, intakeId)
                                .size()
                        >= number);
        ConsumerRecord<String, String> record =
                events.about(ConsumerVerificationIssuedEvent.TYPE, intakeId).get(number - 1);
        try {
            JsonNode data = mapper.readTree(record.value());
            assertThat(data.get("codeNumber").asInt()).isEqualTo(number);
            String code = SEAL.open(data.get("sealedCode").asText(), "consumer|" + intakeId);
            assertThat(code).matches("[0-9]{8}");
            return code;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    /** An instant the test clock reached a few seconds after it was set to {@code expected}'s base. */
    private static org.hamcrest.Matcher<String> near(Instant expected) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(String actual) {
                Instant at = Instant.parse(actual);
                return !at.isBefore(expected) && at.isBefore(expected.plusSeconds(10));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an instant within 10 s after " + expected);
            }
        };
    }

    private JsonNode readJson(String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String wrong(String code) {
        return code.equals("00000000") ? "00000001" : "00000000";
    }
}
