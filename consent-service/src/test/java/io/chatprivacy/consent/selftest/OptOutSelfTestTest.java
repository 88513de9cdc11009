package io.chatprivacy.consent.selftest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.consent.domain.SelfTestCheck;
import io.chatprivacy.consent.persistence.SelfTestRepository;
import io.chatprivacy.consent.service.OptOutSelfTest;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The opt-out self-test against the real ledger, outbox, Kafka topic and consumers; only request-service's public
 * privacy center is a small real HTTP server ({@link PrivacyCenterFake}) that, like request-service, announces the
 * request it opened on {@code request-events} and shows it completed once the ledger answered it.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(value = PrivacyCenterFake.class, restrictToAnnotatedClass = true)
class OptOutSelfTestTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    OptOutSelfTest selfTest;

    @Inject
    SelfTestRepository runs;

    @AfterEach
    void reset() {
        PrivacyCenterFake.onSubmit = s -> 201;
        PrivacyCenterFake.statusOf = id -> "OPENED";
    }

    @Test
    void aSyntheticVisitorsOptOutsHonouredEverywherePass() throws Exception {
        TestAccount account = Fixtures.account();
        List<PrivacyCenterFake.Submission> submitted = new java.util.concurrent.CopyOnWriteArrayList<>();
        PrivacyCenterFake.onSubmit = submission -> {
            submitted.add(submission);
            announce(submission);
            return 201;
        };
        PrivacyCenterFake.statusOf =
                requestId -> Fixtures.query("select 1 from consent_entry where request_id = ?", requestId)
                                .isEmpty()
                        ? "OPENED"
                        : "COMPLETED";

        String runId = given().auth()
                .oauth2(account.ownerToken())
                .post("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(202)
                .body("outcome", equalTo("RUNNING"))
                .body("startedBy", equalTo("OWNER"))
                .extract()
                .path("runId");

        await().atMost(WAIT).until(() -> !"RUNNING".equals(outcome(account, runId)));
        given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(200)
                .body("[0].runId", equalTo(runId))
                .body("[0].outcome", equalTo("PASSED"))
                .body("[0].failedCheck", equalTo(null))
                .body("[0].finishedAt", notNullValue());

        // it used the public privacy center with a synthetic address on the reserved domain
        assertThat(submitted).hasSize(1);
        JsonNode body = JSON.readTree(submitted.get(0).body());
        assertThat(body.path("type").asText()).isEqualTo("OPT_OUT");
        assertThat(body.path("email").asText()).startsWith("selftest-").endsWith("@selftest.invalid");
        assertThat(body.path("visitorId").asText()).startsWith("selftest-");
        // the synthetic GPC opt-out is in the ledger, recognisable
        assertThat(Fixtures.query(
                        "select source || ' ' || user_agent from consent_entry where account_id = ?"
                                + " and visitor_id like 'selftest-%' and source = 'GPC'",
                        account.id()))
                .containsExactly("GPC chat-privacy-opt-out-self-test/1");
        assertThat(Fixtures.outboxTypes(account.id().toString())).doesNotContain("consent.opt-out-self-test-failed.v1");
    }

    @Test
    void aRequestTheSystemDoesNotTakeFailsTheRunAndAlertsTheOwner() {
        TestAccount account = Fixtures.account();
        PrivacyCenterFake.onSubmit = submission -> 503;

        String runId = given().auth()
                .oauth2(account.ownerToken())
                .post("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(202)
                .extract()
                .path("runId");

        await().atMost(WAIT).until(() -> "FAILED".equals(outcome(account, runId)));
        given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests/{r}", account.id(), runId)
                .then()
                .statusCode(200)
                .body("failedCheck", equalTo("REQUEST_ACCEPTED"))
                .body("detail", equalTo("the privacy center answered HTTP 503 to the opt-out"));

        var alerts = Fixtures.awaitRecords(kafka, "consent-events", account.id().toString(), 1);
        assertThat(Fixtures.header(alerts.get(0), "ce_type")).isEqualTo("consent.opt-out-self-test-failed.v1");
        assertThat(alerts.get(0).value())
                .contains("\"runId\":\"" + runId + "\"")
                .contains("\"failedCheck\":\"REQUEST_ACCEPTED\"")
                .doesNotContain("selftest");
    }

    @Test
    void aRequestNeverCompletedFailsOnItsStatusPageAfterTheDeadline() {
        TestAccount account = Fixtures.account();
        PrivacyCenterFake.onSubmit = submission -> {
            announce(submission);
            return 201;
        };
        // request-service never completes it
        PrivacyCenterFake.statusOf = id -> "OPENED";

        String runId = given().auth()
                .oauth2(account.ownerToken())
                .post("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        // one run at a time per account
        given().auth()
                .oauth2(account.ownerToken())
                .post("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(409);

        await().atMost(WAIT).until(() -> "FAILED".equals(outcome(account, runId)));
        given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests/{r}", account.id(), runId)
                .then()
                .body("failedCheck", equalTo("REQUEST_COMPLETED"));
    }

    @Test
    void onlyTheAccountsOwnerSeesOrStartsItsSelfTests() {
        TestAccount account = Fixtures.account();
        TestAccount other = Fixtures.account();
        given().post("/accounts/{a}/opt-out-self-tests", account.id()).then().statusCode(401);
        given().auth()
                .oauth2(account.agentToken())
                .post("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(other.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.token(account.id(), "owner"))
                .get("/accounts/{a}/opt-out-self-tests", account.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void aRunItsReplicaLeftUnfinishedIsClosedAbandonedAndItsOwnerAlerted() {
        TestAccount account = Fixtures.account();
        TestAccount busy = Fixtures.account();
        Instant now = Instant.now();
        // what a replica killed in the middle of a run leaves behind: a run still RUNNING, long past its deadline
        UUID stale = UUID.randomUUID();
        assertThat(runs.claim(stale, account.id(), OptOutSelfTest.BY_SCHEDULE, now.minus(Duration.ofHours(2)), null))
                .isTrue();
        // and a run of another account that is under way, within its deadline
        UUID underWay = UUID.randomUUID();
        assertThat(runs.claim(underWay, busy.id(), OptOutSelfTest.BY_SCHEDULE, now, null))
                .isTrue();

        assertThat(selfTest.closeAbandoned()).isEqualTo(1);

        given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests/{r}", account.id(), stale)
                .then()
                .statusCode(200)
                .body("outcome", equalTo("FAILED"))
                .body("failedCheck", equalTo("ABANDONED"))
                .body("finishedAt", notNullValue());
        assertThat(outcome(busy, underWay.toString())).isEqualTo("RUNNING");
        var alerts = Fixtures.awaitRecords(kafka, "consent-events", account.id().toString(), 1);
        assertThat(Fixtures.header(alerts.get(0), "ce_type")).isEqualTo("consent.opt-out-self-test-failed.v1");
        assertThat(alerts.get(0).value())
                .contains("\"runId\":\"" + stale + "\"")
                .contains("\"failedCheck\":\"ABANDONED\"");
        // closed once: a second sweep finds nothing more to close
        assertThat(selfTest.closeAbandoned()).isZero();
        assertThat(runs.finish(underWay, Instant.now(), SelfTestCheck.ABANDONED, "closed by the test"))
                .isTrue();
    }

    @Test
    void theScheduleSkipsAnAccountTestedWithinItsPeriodAndNeverStartsASecondRun() {
        TestAccount account = Fixtures.account();
        Instant now = Instant.now();
        Instant notSince = now.minus(Duration.ofHours(24));
        UUID recent = UUID.randomUUID();
        assertThat(runs.claim(recent, account.id(), OptOutSelfTest.BY_OWNER, now.minus(Duration.ofHours(3)), null))
                .isTrue();
        // running: neither the schedule nor an owner gets a second run
        assertThat(runs.claim(UUID.randomUUID(), account.id(), OptOutSelfTest.BY_SCHEDULE, now, null))
                .isFalse();
        assertThat(runs.finish(recent, now.minus(Duration.ofHours(2)), null, null))
                .isTrue();
        // finished three hours ago: the daily schedule skips the account, an owner may still start one
        assertThat(runs.claim(UUID.randomUUID(), account.id(), OptOutSelfTest.BY_SCHEDULE, now, notSince))
                .isFalse();
        UUID byOwner = UUID.randomUUID();
        assertThat(runs.claim(byOwner, account.id(), OptOutSelfTest.BY_OWNER, now, null))
                .isTrue();
        assertThat(runs.finish(byOwner, now, null, null)).isTrue();
        // a day later the schedule takes it again
        UUID scheduled = UUID.randomUUID();
        assertThat(runs.claim(
                        scheduled,
                        account.id(),
                        OptOutSelfTest.BY_SCHEDULE,
                        now.plus(Duration.ofHours(25)),
                        now.plus(Duration.ofHours(1))))
                .isTrue();
        assertThat(runs.finish(scheduled, now.plus(Duration.ofHours(25)), null, null))
                .isTrue();
    }

    private static String outcome(TestAccount account, String runId) {
        return given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/opt-out-self-tests/{r}", account.id(), runId)
                .then()
                .statusCode(200)
                .extract()
                .path("outcome");
    }

    /** What request-service does with a request it opened: announces it on request-events. */
    private void announce(PrivacyCenterFake.Submission submission) {
        try {
            JsonNode body = JSON.readTree(submission.body());
            Map<String, Object> data = new HashMap<>();
            data.put("requestId", submission.requestId().toString());
            data.put("accountId", submission.accountId());
            data.put("requestType", body.path("type").asText());
            data.put("subjectVisitorId", body.path("visitorId").asText());
            data.put("subjectEmail", body.path("email").asText());
            GoldenEvent event = GoldenEvent.load("request-events", "request.opened.v1")
                    .withAttributes(Map.of(
                            "id", UUID.randomUUID().toString(),
                            "accountid", submission.accountId(),
                            "subject", submission.requestId().toString(),
                            "partitionkey", submission.accountId()))
                    .withData(data);
            kafka.produce(String.class, String.class)
                    .fromRecords(event.toRecord())
                    .awaitCompletion();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
