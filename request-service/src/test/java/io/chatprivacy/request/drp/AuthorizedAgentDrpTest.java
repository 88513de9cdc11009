package io.chatprivacy.request.drp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.platform.crypto.TransportSeal;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.events.ConsumerVerificationIssuedEvent;
import io.chatprivacy.request.events.RequestOpenedEvent;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Authorized agents through the Data Rights Protocol, over HTTP against the real Kafka and PostgreSQL: the owner
 * registers an agent, the agent pairs with a signed message, a signed opt-out opens at once with channel
 * AUTHORIZED_AGENT, a signed access request mails the code to the consumer (CCPA regs §7063), refusals store
 * nothing, the status follows the request, and status callbacks reach a real HTTP server, retried after a failure.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class AuthorizedAgentDrpTest {

    private static final TransportSeal SEAL =
            TransportSeal.fromBase64Key("test", "ZGV2LW9ubHktY29kZS10cmFuc3BvcnQta2V5LTAwMDE=");

    @Inject
    AccountService accountService;

    @Inject
    EntityManager em;

    @Inject
    DrpCallbacks callbacks;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;
    private String owner;
    private KeyPair keys;
    private String agentId;
    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void setUp() throws Exception {
        accountId = accountService
                .register("Acme Shop", "owner@acme.example", List.of())
                .account()
                .id();
        owner = TestTokens.token(accountId, "owner");
        keys = DrpSignaturesTest.keys();
        agentId = "AGENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/drp-status", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 500 : 200;
            if (status == 200) {
                received.add(new String(body, StandardCharsets.UTF_8));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(Map.of(
                        "agentId",
                        agentId,
                        "name",
                        "Privacy Helper Inc.",
                        "verifyKey",
                        Base64.getEncoder().encodeToString(DrpSignatures.rawKey(keys.getPublic())),
                        "callbackPrefix",
                        callbackBase()))
                .post("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(201)
                .body("agentId", equalTo(agentId));
    }

    @AfterEach
    void tearDown() {
        receiver.stop(0);
        clock.reset();
    }

    private String callbackBase() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/drp-status";
    }

    @Test
    void onlyTheOwnerKeepsTheAgentsAndABadKeyIsRefused() {
        given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].name", equalTo("Privacy Helper Inc."));
        given().auth()
                .oauth2(TestTokens.token(accountId, "agent"))
                .get("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(Map.of("agentId", "X", "name", "X", "verifyKey", "AAAA", "callbackPrefix", "https://x.example/"))
                .post("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("verifyKey"));
    }

    @Test
    void pairingNeedsTheRegisteredKeyAndTheTokenIsThisAgents() throws Exception {
        String token = pair();
        given().auth()
                .oauth2(token)
                .get("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(token)
                .get("/drp/{a}/v1/agent/{id}", accountId, "OTHER")
                .then()
                .statusCode(403);
        // no signed message at all: no credential, 401; an id no agent can have: refused, nothing looked up
        given().contentType("text/plain")
                .body("{")
                .post("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        given().contentType("text/plain")
                .body(DrpSignaturesTest.sign(keys, json(pairingClaims())))
                .post("/drp/{a}/v1/agent/{id}", accountId, "a\u0000b")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(owner)
                .delete("/accounts/{a}/authorized-agents/{id}", accountId, "a\u0000b")
                .then()
                .statusCode(404)
                .body("detail", equalTo("No such authorized agent."));
        // signed by another key: 403, a problem that says no more than that the pairing was refused
        given().contentType("text/plain")
                .body(DrpSignaturesTest.sign(DrpSignaturesTest.keys(), json(pairingClaims())))
                .post("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("The pairing was refused."))
                .body("message", equalTo("The pairing was refused."));
        // the same pairing message again is a replay
        Map<String, Object> claims = pairingClaims();
        String signed = DrpSignaturesTest.sign(keys, json(claims));
        given().contentType("text/plain")
                .body(signed)
                .post("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(200);
        given().contentType("text/plain")
                .body(signed)
                .post("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(403);
    }

    @Test
    void aSignedOptOutOpensAtOnceInTheAgentsNameWithoutACode() throws Exception {
        String token = pair();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var answer = exercise(token, request("sale:opt_out", "alice@example.com"))
                    .statusCode(200)
                    .body("status", equalTo("in_progress"))
                    .body("reason", nullValue())
                    .body("agent_request_id", equalTo("aa-1"))
                    .body("expected_by", notNullValue())
                    .extract();
            String drpId = answer.path("request_id");
            UUID requestId = rightsRequestOf(drpId);
            assertThat(requestId).isNotNull();
            JsonNode opened = mapper.readTree(
                    events.await(RequestOpenedEvent.TYPE, requestId.toString()).value());
            assertThat(opened.get("requestType").asText()).isEqualTo("OPT_OUT");
            assertThat(opened.get("channel").asText()).isEqualTo("AUTHORIZED_AGENT");
            assertThat(opened.get("subjectEmail").asText()).isEqualTo("alice@example.com");
            given().auth()
                    .oauth2(owner)
                    .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                    .then()
                    .statusCode(200)
                    .body("channel", equalTo("AUTHORIZED_AGENT"))
                    .body("agentName", equalTo("Privacy Helper Inc."))
                    .body("signedPermission", equalTo(true));
            assertThat(events.about(ConsumerVerificationIssuedEvent.TYPE, intakeOf(drpId)))
                    .isEmpty();
        }
    }

    @Test
    void aSignedAccessRequestMailsTheCodeToTheConsumerWhoConfirmsItOnThePrivacyCenter() throws Exception {
        String token = pair();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            var answer = exercise(token, request("access", "bob@example.com"))
                    .statusCode(200)
                    .body("status", equalTo("in_progress"))
                    .body("reason", equalTo("need_user_verification"))
                    .extract();
            String drpId = answer.path("request_id");
            UUID intakeId = intakeOf(drpId);
            assertThat(answer.<String>path("user_verification_url"))
                    .endsWith("/privacy/" + accountId + "/intakes/" + intakeId);
            JsonNode issued = mapper.readTree(events.await(ConsumerVerificationIssuedEvent.TYPE, intakeId.toString())
                    .value());
            assertThat(issued.get("subjectEmail").asText()).isEqualTo("bob@example.com");
            String code = SEAL.open(issued.get("sealedCode").asText(), "consumer|" + intakeId);
            assertThat(code).matches("[0-9]{8}");

            // the consumer presents it on the privacy center's code page
            String requestId = given().contentType("application/json")
                    .body(Map.of("code", code))
                    .post("/privacy-center/{a}/intakes/{i}/verification", accountId, intakeId)
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("requestId");
            status(token, drpId)
                    .statusCode(200)
                    .body("status", equalTo("in_progress"))
                    .body("reason", nullValue())
                    .body("expected_by", notNullValue());
            given().auth()
                    .oauth2(owner)
                    .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                    .then()
                    .body("channel", equalTo("AUTHORIZED_AGENT"))
                    .body("agentName", equalTo("Privacy Helper Inc."));

            // the owner declines it: the agent sees the denial's enumerated reason
            decline(requestId, "CANNOT_VERIFY");
            status(token, drpId).body("status", equalTo("denied")).body("reason", equalTo("insuf_verification"));
        }
    }

    @Test
    void refusalsStoreNothing() throws Exception {
        String token = pair();
        long before = drpRequests();
        long intakesBefore = intakes();
        String body = DrpSignaturesTest.sign(keys, json(request("sale:opt_out", "carol@example.com")));
        // no token, a token of no agent
        given().contentType("text/plain")
                .body(body)
                .post("/drp/{a}/v1/data-rights-request", accountId)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("401"));
        given().auth()
                .oauth2("not-a-token")
                .contentType("text/plain")
                .body(body)
                .post("/drp/{a}/v1/data-rights-request", accountId)
                .then()
                .statusCode(403);
        // signed by another key; not signed at all; not base64
        exercise(
                        token,
                        DrpSignaturesTest.sign(
                                DrpSignaturesTest.keys(), json(request("sale:opt_out", "c@example.com"))))
                .statusCode(403)
                .body("message", equalTo("The signature does not verify under the agent's key."));
        exercise(token, Base64.getEncoder().encodeToString(json(request("sale:opt_out", "c@example.com"))))
                .statusCode(403);
        exercise(token, "{\"exercise\":\"sale:opt_out\"}").statusCode(400);
        // expired, issued in the future, another business, another agent
        Map<String, Object> expired = request("sale:opt_out", "c@example.com");
        expired.put("issued-at", Instant.now().minusSeconds(1200).toString());
        expired.put("expires-at", Instant.now().minusSeconds(600).toString());
        exercise(token, DrpSignaturesTest.sign(keys, json(expired)))
                .statusCode(403)
                .body("fatal", equalTo(true));
        Map<String, Object> future = request("sale:opt_out", "c@example.com");
        future.put("issued-at", Instant.now().plusSeconds(900).toString());
        future.put("expires-at", Instant.now().plusSeconds(1200).toString());
        exercise(token, DrpSignaturesTest.sign(keys, json(future))).statusCode(403);
        Map<String, Object> elsewhere = request("sale:opt_out", "c@example.com");
        elsewhere.put("business-id", UUID.randomUUID().toString());
        exercise(token, DrpSignaturesTest.sign(keys, json(elsewhere))).statusCode(403);
        Map<String, Object> impostor = request("sale:opt_out", "c@example.com");
        impostor.put("agent-id", "SOMEONE_ELSE");
        exercise(token, DrpSignaturesTest.sign(keys, json(impostor))).statusCode(403);
        // another protocol version, or none
        Map<String, Object> otherVersion = request("sale:opt_out", "c@example.com");
        otherVersion.put("drp.version", "0.5");
        exercise(token, DrpSignaturesTest.sign(keys, json(otherVersion)))
                .statusCode(400)
                .body("fatal", equalTo(true))
                .body("message", equalTo("drp.version must be 1.0, the version this business speaks."));
        Map<String, Object> noVersion = request("sale:opt_out", "c@example.com");
        noVersion.remove("drp.version");
        exercise(token, DrpSignaturesTest.sign(keys, json(noVersion))).statusCode(400);
        // a callback outside the registered prefix; no email
        Map<String, Object> callback = request("sale:opt_out", "c@example.com");
        callback.put("status_callback", "https://evil.example/steal");
        exercise(token, DrpSignaturesTest.sign(keys, json(callback))).statusCode(400);
        Map<String, Object> noEmail = request("access", "c@example.com");
        noEmail.remove("email");
        exercise(token, DrpSignaturesTest.sign(keys, json(noEmail))).statusCode(400);
        assertThat(drpRequests()).isEqualTo(before);
        assertThat(intakes()).isEqualTo(intakesBefore);

        // the same signed request twice: the second is a replay
        exercise(token, body).statusCode(200);
        exercise(token, body).statusCode(409).body("fatal", equalTo(true));
        assertThat(drpRequests()).isEqualTo(before + 1);
        assertThat(intakes()).isEqualTo(intakesBefore + 1);
    }

    @Test
    void anActionOrRegimeNotTakenIsDeniedWithTheSpecsReasonAndAnotherAgentCannotReadIt() throws Exception {
        String token = pair();
        exercise(token, DrpSignaturesTest.sign(keys, json(request("sale:opt_in", "d@example.com"))))
                .statusCode(200)
                .body("status", equalTo("denied"))
                .body("reason", equalTo("claim_not_covered"));
        Map<String, Object> gdpr = request("deletion", "d@example.com");
        gdpr.put("regime", "gdpr");
        String drpId = exercise(token, DrpSignaturesTest.sign(keys, json(gdpr)))
                .statusCode(200)
                .body("status", equalTo("denied"))
                .body("reason", equalTo("outside_jurisdiction"))
                .extract()
                .path("request_id");
        status(token, drpId).statusCode(200).body("reason", equalTo("outside_jurisdiction"));
        status(token, UUID.randomUUID().toString()).statusCode(404);

        // another agent of the account: 403 on this agent's request
        KeyPair otherKeys = DrpSignaturesTest.keys();
        String other = "OTHER_" + agentId;
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(Map.of(
                        "agentId",
                        other,
                        "name",
                        "Other Agent",
                        "verifyKey",
                        Base64.getEncoder().encodeToString(DrpSignaturesTest.rawKeyOf(otherKeys)),
                        "callbackPrefix",
                        "https://other.example/"))
                .post("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(201);
        Map<String, Object> claims = pairingClaims();
        claims.put("agent-id", other);
        String otherToken = given().contentType("text/plain")
                .body(DrpSignaturesTest.sign(otherKeys, json(claims)))
                .post("/drp/{a}/v1/agent/{id}", accountId, other)
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        status(otherToken, drpId).statusCode(403);
    }

    @Test
    void aStatusChangeIsPostedToTheCallbackAndRetriedAfterTheReceiverFailedOnce() throws Exception {
        String token = pair();
        Map<String, Object> claims = request("sale:opt_out", "erin@example.com");
        claims.put("status_callback", callbackBase() + "/erin");
        String drpId = exercise(token, DrpSignaturesTest.sign(keys, json(claims)))
                .statusCode(200)
                .body("status", equalTo("in_progress"))
                .extract()
                .path("request_id");
        // the status it was answered with is not sent again
        assertThat(callbacks.sweep()).isZero();
        assertThat(received).isEmpty();

        decline(rightsRequestOf(drpId).toString(), "LEGAL_HOLD");
        failuresLeft.set(1);
        assertThat(callbacks.sweep()).isZero();
        assertThat(received).isEmpty();
        // not before its back-off
        assertThat(callbacks.sweep()).isZero();
        clock.set(Instant.now().plus(Duration.ofSeconds(31)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.sweep() == 1);
        assertThat(received).hasSize(1);
        JsonNode delivered = mapper.readTree(received.get(0));
        assertThat(delivered.get("request_id").asText()).isEqualTo(drpId);
        assertThat(delivered.get("status").asText()).isEqualTo("denied");
        assertThat(delivered.get("reason").asText()).isEqualTo("claim_not_covered");
        assertThat(delivered.get("agent_request_id").asText()).isEqualTo("aa-1");
        // delivered and final: never again
        clock.set(Instant.now().plus(Duration.ofHours(2)));
        assertThat(callbacks.sweep()).isZero();
        assertThat(received).hasSize(1);
    }

    @Test
    void aChangeIsDeliveredEvenBehindAFullRoundOfRequestsWhoseStatusStandsStill() throws Exception {
        String token = pair();
        // more waiting requests with callbacks than one round looks at, all older than the one that changes
        for (int i = 0; i < DrpCallbacks.BATCH; i++) {
            Map<String, Object> claims = request("sale:opt_out", "still" + i + "@example.com");
            claims.put("agent-request-id", "still-" + i);
            claims.put("status_callback", callbackBase() + "/still");
            exercise(token, claims).statusCode(200).body("status", equalTo("in_progress"));
        }
        Map<String, Object> claims = request("sale:opt_out", "frank@example.com");
        claims.put("agent-request-id", "changes");
        claims.put("status_callback", callbackBase() + "/frank");
        String drpId = exercise(token, claims).statusCode(200).extract().path("request_id");
        decline(rightsRequestOf(drpId).toString(), "LEGAL_HOLD");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> callbacks.sweep() >= 0 && received.stream().anyMatch(body -> body.contains(drpId)));
        JsonNode delivered = mapper.readTree(received.stream()
                .filter(body -> body.contains(drpId))
                .findFirst()
                .orElseThrow());
        assertThat(delivered.get("status").asText()).isEqualTo("denied");
        assertThat(delivered.get("agent_request_id").asText()).isEqualTo("changes");
    }

    @Test
    void aRequestStillWaitingForTheConsumersCodeIsRevokedAndNeverOpensOneBeingCarriedOutIsNot() throws Exception {
        String token = pair();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            String drpId = exercise(token, request("deletion", "gus@example.com"))
                    .statusCode(200)
                    .body("reason", equalTo("need_user_verification"))
                    .extract()
                    .path("request_id");
            UUID intakeId = intakeOf(drpId);
            JsonNode issued = mapper.readTree(events.await(ConsumerVerificationIssuedEvent.TYPE, intakeId.toString())
                    .value());
            String code = SEAL.open(issued.get("sealedCode").asText(), "consumer|" + intakeId);

            Map<String, Object> claims = pairingClaims();
            claims.put("reason", "I changed my mind");
            // another agent of the account, with its own signed message, may not revoke this agent's request
            OtherAgent other = otherAgent();
            Map<String, Object> others = pairingClaims();
            others.put("agent-id", other.id());
            given().auth()
                    .oauth2(other.token())
                    .contentType("text/plain")
                    .body(DrpSignaturesTest.sign(other.keys(), json(others)))
                    .delete("/drp/{a}/v1/data-rights-request/{r}", accountId, drpId)
                    .then()
                    .statusCode(403)
                    .body("message", equalTo("This request is not managed by this agent."));
            revoke(token, drpId, claims).statusCode(200).body("status", equalTo("revoked"));
            status(token, drpId).statusCode(200).body("status", equalTo("revoked"));
            // the same signed message again is a replay
            revoke(token, drpId, claims).statusCode(409);

            // the consumer's code no longer opens anything, nor can a new one be asked for
            given().contentType("application/json")
                    .body(Map.of("code", code))
                    .post("/privacy-center/{a}/intakes/{i}/verification", accountId, intakeId)
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:chat-privacy:problem:request-withdrawn"));
            given().post("/privacy-center/{a}/intakes/{i}/verification-code", accountId, intakeId)
                    .then()
                    .statusCode(409)
                    .body("type", equalTo("urn:chat-privacy:problem:request-withdrawn"));
            assertThat(QuarkusTransaction.requiringNew()
                            .call(() -> em.createNativeQuery(
                                            "select count(*) from rights_request where subject_email = 'gus@example.com'")
                                    .getSingleResult()))
                    .isEqualTo(0L);
        }

        // an opt-out is carried out at once: too late to revoke, and its status stays as it was
        String optOut = exercise(token, request("sale:opt_out", "hana@example.com"))
                .statusCode(200)
                .extract()
                .path("request_id");
        Map<String, Object> late = pairingClaims();
        late.put("reason", "too late");
        revoke(token, optOut, late).statusCode(409).body("message", containsString("already carrying"));
        status(token, optOut).body("status", equalTo("in_progress"));
        revoke(token, UUID.randomUUID().toString(), pairingClaims()).statusCode(404);
        revoke(token, "not-a-request-id", pairingClaims()).statusCode(404);
        // a token that is no agent's (the owner's own) learns nothing about ids, not even that one is no UUID
        revoke(owner, "not-a-request-id", pairingClaims()).statusCode(403);
        status(owner, "not-a-request-id").statusCode(403);
    }

    // --- helpers

    private String pair() throws Exception {
        return given().contentType("text/plain")
                .body(DrpSignaturesTest.sign(keys, json(pairingClaims())))
                .post("/drp/{a}/v1/agent/{id}", accountId, agentId)
                .then()
                .statusCode(200)
                .body("agent-id", equalTo(agentId))
                .extract()
                .path("token");
    }

    private Map<String, Object> pairingClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("agent-id", agentId);
        claims.put("business-id", accountId.toString());
        claims.put("issued-at", Instant.now().toString());
        claims.put("expires-at", Instant.now().plusSeconds(600).toString());
        claims.put("drp.version", "1.0");
        claims.put("nonce", UUID.randomUUID().toString());
        return claims;
    }

    private Map<String, Object> request(String exercise, String email) {
        Map<String, Object> claims = pairingClaims();
        claims.put("agent-request-id", "aa-1");
        claims.put("exercise", exercise);
        claims.put("regime", "ccpa");
        claims.put("relationships", List.of("customer"));
        claims.put("name", "Consumer Name");
        claims.put("email", email);
        claims.put("email_verified", true);
        return claims;
    }

    private ValidatableResponse exercise(String token, Map<String, Object> claims) throws Exception {
        return exercise(token, DrpSignaturesTest.sign(keys, json(claims)));
    }

    private ValidatableResponse exercise(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType("text/plain")
                .body(body)
                .post("/drp/{a}/v1/data-rights-request", accountId)
                .then();
    }

    private ValidatableResponse revoke(String token, String drpId, Map<String, Object> claims) throws Exception {
        return given().auth()
                .oauth2(token)
                .contentType("text/plain")
                .body(DrpSignaturesTest.sign(keys, json(claims)))
                .delete("/drp/{a}/v1/data-rights-request/{r}", accountId, drpId)
                .then();
    }

    private record OtherAgent(String id, KeyPair keys, String token) {}

    /** A second agent of the same account, paired. */
    private OtherAgent otherAgent() throws Exception {
        KeyPair otherKeys = DrpSignaturesTest.keys();
        String otherId = "AGENT_" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(Map.of(
                        "agentId",
                        otherId,
                        "name",
                        "Another Helper",
                        "verifyKey",
                        Base64.getEncoder().encodeToString(DrpSignatures.rawKey(otherKeys.getPublic())),
                        "callbackPrefix",
                        callbackBase()))
                .post("/accounts/{a}/authorized-agents", accountId)
                .then()
                .statusCode(201);
        Map<String, Object> claims = pairingClaims();
        claims.put("agent-id", otherId);
        String token = given().contentType("text/plain")
                .body(DrpSignaturesTest.sign(otherKeys, json(claims)))
                .post("/drp/{a}/v1/agent/{id}", accountId, otherId)
                .then()
                .statusCode(200)
                .extract()
                .path("token");
        return new OtherAgent(otherId, otherKeys, token);
    }

    private ValidatableResponse status(String token, String drpId) {
        return given().auth()
                .oauth2(token)
                .get("/drp/{a}/v1/data-rights-request/{r}", accountId, drpId)
                .then();
    }

    private void decline(String requestId, String reason) {
        given().auth()
                .oauth2(owner)
                .contentType("application/json")
                .body(Map.of("reason", reason, "note", "Declined in a test."))
                .post("/accounts/{a}/rights-requests/{r}/decline", accountId, requestId)
                .then()
                .statusCode(200);
    }

    private byte[] json(Map<String, Object> claims) throws Exception {
        return mapper.writeValueAsBytes(claims);
    }

    private UUID intakeOf(String drpId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (UUID) em.createNativeQuery("select intake_id from drp_request where id = ?1")
                        .setParameter(1, UUID.fromString(drpId))
                        .getSingleResult());
    }

    private UUID rightsRequestOf(String drpId) {
        UUID intakeId = intakeOf(drpId);
        return QuarkusTransaction.requiringNew()
                .call(() -> em.find(ConsumerIntake.class, intakeId).requestId());
    }

    private long drpRequests() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from drp_request where account_id = ?1")
                                .setParameter(1, accountId)
                                .getSingleResult())
                        .longValue());
    }

    private long intakes() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from consumer_intake where account_id = ?1")
                                .setParameter(1, accountId)
                                .getSingleResult())
                        .longValue());
    }
}
