package io.chatprivacy.request.service;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.Intake;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Request records: the consumer's identity goes after 24 months, the yearly figures stay and match a hand count. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class RecordsAndMetricsTest {

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestService requests;

    @Inject
    RightsRequestRepository repository;

    @Inject
    RetentionService retention;

    @Inject
    TestClock clock;

    private UUID accountId;
    private String owner;

    @BeforeEach
    void registerAccount() {
        accountId = accounts.register("Demo Shop", "owner@demo.example", List.of())
                .account()
                .id();
        owner = TestTokens.token(accountId, "owner");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRequestOlderThanTwentyFourMonthsKeepsNoConsumerIdentity() {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        clock.set(now.minusMonths(24).minusDays(1).toInstant());
        RightsRequest old = open(
                RequestType.CORRECT,
                RequestChannel.AUTHORIZED_AGENT,
                "kim@example.com",
                "v-kim",
                new Intake("Agents Inc", true, CorrectionField.EMAIL, "kim@new.example"));
        requests.decline(accountId, old.id(), DeclineReason.CANNOT_VERIFY, "Kim Example could not be matched", "o-1");
        clock.set(now.minusMonths(24).plusDays(1).toInstant());
        RightsRequest recent = open(RequestType.ACCESS, RequestChannel.EMAIL, "lee@example.com", null, Intake.NONE);
        clock.reset();

        assertThat(retention.eraseExpiredIdentities()).isGreaterThanOrEqualTo(1);
        assertThat(retention.eraseExpiredIdentities()).isZero();

        JsonPath erased = read(old.id());
        assertThat(erased.getString("subjectEmail")).isNull();
        assertThat(erased.getString("subjectVisitorId")).isNull();
        assertThat(erased.getString("agentName")).isNull();
        assertThat(erased.getString("correction.value")).isNull();
        assertThat(erased.getString("correction.field")).isEqualTo("EMAIL");
        assertThat(erased.getString("identityErasedAt")).isNotNull();
        // what the figures need stays
        assertThat(erased.getString("type")).isEqualTo("CORRECT");
        assertThat(erased.getString("status")).isEqualTo("DECLINED");
        assertThat(erased.getString("decline.reason")).isEqualTo("CANNOT_VERIFY");
        assertThat(erased.getString("receivedAt")).isNotNull();
        assertThat(erased.getString("closedAt")).isNotNull();
        assertThat(erased.getList("timeline.kind", String.class)).endsWith("IDENTITY_ERASED");
        String everything = erased.prettify();
        assertThat(everything)
                .doesNotContain("kim@example.com")
                .doesNotContain("v-kim")
                .doesNotContain("Agents Inc")
                .doesNotContain("kim@new.example")
                .doesNotContain("Kim Example");

        JsonPath kept = read(recent.id());
        assertThat(kept.getString("subjectEmail")).isEqualTo("lee@example.com");
        assertThat(kept.getString("identityErasedAt")).isNull();
    }

    @Test
    void theYearsFiguresMatchAHandCount() {
        // ACCESS: 10, 40 and 15 days (the last declined in the next year), one still open
        complete(seed(RequestType.ACCESS, "a1@example.com", "2023-03-01T10:00:00Z"), "2023-03-11T09:00:00Z");
        complete(seed(RequestType.ACCESS, "a2@example.com", "2023-06-10T12:00:00Z"), "2023-07-20T12:00:00Z");
        decline(seed(RequestType.ACCESS, "a3@example.com", "2023-12-31T23:00:00Z"), "2024-01-15T08:00:00Z");
        seed(RequestType.ACCESS, "a4@example.com", "2023-11-01T08:00:00Z");
        // DELETE: declined the next day
        decline(seed(RequestType.DELETE, "d1@example.com", "2023-05-05T16:00:00Z"), "2023-05-06T09:00:00Z");
        // OPT_OUT: 2 and 7 days
        complete(seed(RequestType.OPT_OUT, "o1@example.com", "2023-02-01T09:00:00Z"), "2023-02-03T09:00:00Z");
        complete(seed(RequestType.OPT_OUT, "o2@example.com", "2023-02-01T09:00:00Z"), "2023-02-08T10:00:00Z");
        // the opt-out self-test's synthetic consumers (reserved domain): never counted, completed or not
        complete(
                seed(RequestType.OPT_OUT, "selftest-1f2e@selftest.invalid", "2023-04-01T09:00:00Z"),
                "2023-04-01T09:00:05Z");
        seed(RequestType.OPT_OUT, "selftest-3a4b@SelfTest.invalid", "2023-04-02T09:00:00Z");
        // outside 2023: the last minute of 2022 and the first of 2024
        complete(seed(RequestType.LIMIT, "l1@example.com", "2022-12-31T23:59:00Z"), "2023-01-03T09:00:00Z");
        seed(RequestType.CORRECT, "c1@example.com", "2024-01-01T00:00:00Z");
        // the identity goes after 24 months; the figures do not change
        retention.eraseExpiredIdentities();

        JsonPath figures = given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests/metrics?year=2023", accountId)
                .then()
                .statusCode(200)
                .body("year", equalTo(2023))
                .extract()
                .jsonPath();
        assertThat(type(figures, "ACCESS"))
                .containsEntry("received", 4)
                .containsEntry("compliedWith", 2)
                .containsEntry("denied", 1)
                .containsEntry("pending", 1)
                .containsEntry("medianDaysToRespond", 15.0f)
                .containsEntry("meanDaysToRespond", 21.67f);
        assertThat(type(figures, "DELETE"))
                .containsEntry("received", 1)
                .containsEntry("compliedWith", 0)
                .containsEntry("denied", 1)
                .containsEntry("medianDaysToRespond", 1.0f)
                .containsEntry("meanDaysToRespond", 1.0f);
        assertThat(type(figures, "OPT_OUT"))
                .containsEntry("received", 2)
                .containsEntry("compliedWith", 2)
                .containsEntry("medianDaysToRespond", 4.5f)
                .containsEntry("meanDaysToRespond", 4.5f);
        assertThat(type(figures, "LIMIT")).containsEntry("received", 0).containsEntry("medianDaysToRespond", null);
        assertThat(type(figures, "CORRECT")).containsEntry("received", 0);

        given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests/metrics?year=2022", accountId)
                .then()
                .statusCode(200)
                .body("types.find { it.type == 'LIMIT' }.received", equalTo(1))
                .body("types.find { it.type == 'ACCESS' }.medianDaysToRespond", nullValue());
        given().auth()
                .oauth2(TestTokens.token(accountId, "agent"))
                .get("/accounts/{a}/rights-requests/metrics?year=2023", accountId)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests/metrics?year=last", accountId)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("year"));
    }

    @Test
    void theSelfTestsRequestsStayOutOfTheAgentsListAndAreListedApartOnAsking() {
        RightsRequest real = seed(RequestType.OPT_OUT, "pat@example.com", "2026-11-30T09:00:00Z");
        RightsRequest synthetic = seed(RequestType.OPT_OUT, "selftest-9a8b@selftest.invalid", "2026-11-30T10:00:00Z");
        String agent = TestTokens.token(accountId, "agent");

        List<String> listed = given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests", accountId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("requestId");
        assertThat(listed).containsExactly(real.id().toString());
        given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests?sort=due&status=OPEN", accountId)
                .then()
                .statusCode(200)
                .body("requestId", equalTo(List.of(real.id().toString())))
                .body("[0].synthetic", equalTo(false));
        given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests?synthetic=true", accountId)
                .then()
                .statusCode(200)
                .body("requestId", equalTo(List.of(synthetic.id().toString())))
                .body("[0].synthetic", equalTo(true));
        assertThat(read(synthetic.id()).getBoolean("synthetic")).isTrue();
        given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests?synthetic=maybe", accountId)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("synthetic"));
    }

    private RightsRequest seed(RequestType type, String email, String receivedAt) {
        clock.set(Instant.parse(receivedAt));
        RightsRequest request = open(
                type,
                RequestChannel.EMAIL,
                email,
                null,
                type == RequestType.CORRECT ? new Intake(null, null, CorrectionField.NAME, "C") : Intake.NONE);
        clock.reset();
        return request;
    }

    private void complete(RightsRequest request, String at) {
        Instant closed = Instant.parse(at);
        QuarkusTransaction.requiringNew()
                .run(() -> repository.findById(request.id()).fulfilled("Done.", Map.of(), closed, closed, null));
    }

    private void decline(RightsRequest request, String at) {
        clock.set(Instant.parse(at));
        requests.decline(accountId, request.id(), DeclineReason.BUSINESS_NECESSITY, "Needed", "owner-1");
        clock.reset();
    }

    private RightsRequest open(
            RequestType type, RequestChannel channel, String email, String visitorId, Intake intake) {
        return requests.open(
                        accountId,
                        new RightsRequestService.Opening(type, channel, null, email, visitorId, intake),
                        "agent-1")
                .request();
    }

    private JsonPath read(UUID requestId) {
        return given().auth()
                .oauth2(owner)
                .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Map<String, Object> type(JsonPath figures, String type) {
        return figures.getMap("types.find { it.type == '" + type + "' }");
    }
}
