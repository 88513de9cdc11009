package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public endpoints' limits, per account and per client address, answered with 429 problem+json. */
@QuarkusTest
@TestProfile(RateLimitTest.TightLimits.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class RateLimitTest {

    /** A few calls per account and a few more per address, refilled so slowly that no test sees a refill. */
    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "consent.rate-limit.per-account", "0.001",
                    "consent.rate-limit.per-account-burst", "3",
                    "consent.rate-limit.per-ip", "0.001",
                    "consent.rate-limit.per-ip-burst", "6");
        }
    }

    @Test
    void aBusyAccountAndThenABusyAddressGet429() {
        TestAccount first = Fixtures.account();
        TestAccount second = Fixtures.account();
        String visitor = Fixtures.visitor();

        for (int i = 0; i < 3; i++) {
            first.widget().get("/widget/visitors/{v}/opt-out", visitor).then().statusCode(200);
        }
        first.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("detail", containsString("widget"));

        // another account still has its own allowance, until the address has used its own up (6 calls)
        second.widget().get("/widget/visitors/{v}/opt-out", visitor).then().statusCode(200);
        second.widget().get("/widget/visitors/{v}/opt-out", visitor).then().statusCode(200);
        String body = given().header("X-Widget-Key", second.widgetKey())
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", notNullValue())
                .body("status", equalTo(429))
                .extract()
                .asString();
        assertThat(body).contains("address");
    }
}
