package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Limit the Use of My Sensitive Personal Information" from the widget: a click, no verification, no
 * extra data, recorded once with scope {@code LIMIT_SENSITIVE}, as the opt-out of sale/sharing is.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class LimitSensitiveTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aClickLimitsTheUseOfSensitiveInformationOnceWithoutOptingOutOfSale() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();

        account.widget()
                .post("/widget/visitors/{v}/limit", visitor)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", account.origin())
                .body("visitorId", equalTo(visitor))
                .body("sensitiveUseLimited", equalTo(true))
                .body("sensitiveUseLimitedAt", notNullValue())
                .body("optedOut", equalTo(false));
        account.widget().post("/widget/visitors/{v}/limit", visitor).then().statusCode(200);

        assertThat(Fixtures.query(
                        "select concat_ws('|', scope, source, gpc) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT'",
                        account.id(),
                        visitor))
                .containsExactly("LIMIT_SENSITIVE|WIDGET|f");
        var events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 1);
        assertThat(Fixtures.header(events.get(0), "ce_type")).isEqualTo("consent.opted-out.v1");
        assertThat(events.get(0).value())
                .contains("\"scope\":\"LIMIT_SENSITIVE\"")
                .contains("\"source\":\"WIDGET\"");
        account.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200)
                .body("sensitiveUseLimited", equalTo(true))
                .body("optedOut", equalTo(false));
    }

    @Test
    void aGpcSignalSentAlongIsHonouredToo() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();

        account.widget()
                .header("Sec-GPC", "1")
                .post("/widget/visitors/{v}/limit", visitor)
                .then()
                .statusCode(200)
                .body("sensitiveUseLimited", equalTo(true))
                .body("optedOut", equalTo(true));

        assertThat(Fixtures.query(
                        "select concat_ws('|', scope, source) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT' order by scope",
                        account.id(),
                        visitor))
                .containsExactlyInAnyOrder("SALE_SHARING|GPC", "LIMIT_SENSITIVE|WIDGET");
    }

    @Test
    void aBeaconBodyWithAnEmailCarriesTheLimitToIt() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        given().header("X-Widget-Key", account.widgetKey())
                .contentType("text/plain;charset=UTF-8")
                .body("{\"email\": \"sam@example.com\"}")
                .post("/widget/visitors/{v}/limit", visitor)
                .then()
                .statusCode(200)
                .body("sensitiveUseLimited", equalTo(true));
        assertThat(Fixtures.query(
                        "select concat_ws('|', scope, email_hmac is not null) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT'",
                        account.id(),
                        visitor))
                .containsExactly("LIMIT_SENSITIVE|t");
        account.widget()
                .body(Map.of("email", "not an email"))
                .post("/widget/visitors/{v}/limit", Fixtures.visitor())
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("email"));
    }

    @Test
    void withoutAValidKeyTheLimitIs401() {
        given().post("/widget/visitors/{v}/limit", Fixtures.visitor())
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:chat-privacy:problem:invalid-widget-key"));
        given().header("X-Widget-Key", "wk_made_up")
                .post("/widget/visitors/{v}/limit", Fixtures.visitor())
                .then()
                .statusCode(401);
    }
}
