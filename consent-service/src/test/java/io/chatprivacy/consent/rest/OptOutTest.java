package io.chatprivacy.consent.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opt-out of sale/sharing: GPC or a click, no verification, no extra data, recorded once. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class OptOutTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aGpcSignalWithAConsentIsAnOptOutWithoutVerification() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        status(account, visitor).body("optedOut", equalTo(false));

        account.widget()
                .header("Sec-GPC", "1")
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(true));

        status(account, visitor)
                .body("optedOut", equalTo(true))
                .body("optedOutAt", notNullValue())
                .body("sensitiveUseLimited", equalTo(false));
        assertThat(Fixtures.query(
                        "select concat_ws('|', scope, source, gpc) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT'",
                        account.id(),
                        visitor))
                .containsExactly("SALE_SHARING|GPC|t");
        var events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 2);
        assertThat(events)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly("consent.granted.v1", "consent.opted-out.v1");
        assertThat(events.get(1).value()).contains("\"source\":\"GPC\"").contains("\"scope\":\"SALE_SHARING\"");

        // the next chat with GPC records the consent but no second opt-out
        account.widget()
                .header("Sec-GPC", "1")
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(true));
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("GRANTED", "OPTED_OUT", "GRANTED");
    }

    @Test
    void anExplicitOptOutNeedsNoBodyAndIsIdempotent() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();

        account.widget()
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", account.origin())
                .body("optedOut", equalTo(true))
                .body("visitorId", equalTo(visitor));
        account.widget().post("/widget/visitors/{v}/opt-out", visitor).then().statusCode(200);

        assertThat(Fixtures.query(
                        "select source from consent_entry where account_id = ? and visitor_id = ?",
                        account.id(),
                        visitor))
                .containsExactly("WIDGET");
        // another account's widget knows nothing of this visitor
        status(Fixtures.account(), visitor).body("optedOut", equalTo(false)).body("optedOutAt", nullValue());
    }

    @Test
    void anOptOutFollowsTheVisitorToTheirEmailOnceKnown() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        account.widget().post("/widget/visitors/{v}/opt-out", visitor).then().statusCode(200);

        account.widget()
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        visitor,
                        "email",
                        "kim@example.com",
                        "consents",
                        List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(true));

        assertThat(Fixtures.query(
                        "select concat_ws('|', source, email_hmac is not null) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT' order by recorded_at",
                        account.id(),
                        visitor))
                .containsExactly("WIDGET|f", "LINKED|t");
        // a different visitor giving the same email is opted out too
        String laptop = Fixtures.visitor();
        account.widget()
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        laptop,
                        "email",
                        "KIM@example.com",
                        "consents",
                        List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(true));
        status(account, laptop).body("optedOut", equalTo(true));
    }

    private static io.restassured.response.ValidatableResponse status(TestAccount account, String visitor) {
        return account.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200);
    }
}
