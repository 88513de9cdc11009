package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    @TestHTTPResource("/")
    URL base;

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
    void aBeaconWithNoBodyAndNoContentTypeOptsOut() throws Exception {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        // what navigator.sendBeacon(url) sends: a POST with no body and no Content-Type, GPC alongside
        HttpRequest beacon = HttpRequest.newBuilder(base.toURI().resolve("/widget/visitors/" + visitor + "/opt-out"))
                .header("X-Widget-Key", account.widgetKey())
                .header("Origin", account.origin())
                .header("Sec-GPC", "1")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(beacon.headers().firstValue("Content-Type")).isEmpty();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(beacon, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"optedOut\":true");
        assertThat(Fixtures.query(
                        "select concat_ws('|', scope, source, gpc) from consent_entry"
                                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT'",
                        account.id(),
                        visitor))
                .containsExactly("SALE_SHARING|GPC|t");
    }

    @Test
    void aBodyOverTheWidgetLimitIsRefusedWithAnAnswer() throws Exception {
        // a caller that writes its whole body before reading (the JDK's client, a beacon) gets the 413
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String contentType : new String[] {"application/json", "text/plain"}) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(base.toURI().resolve("widget/visitors/" + visitor + "/opt-out"))
                            .timeout(java.time.Duration.ofSeconds(30))
                            .header("X-Widget-Key", account.widgetKey())
                            .header("Origin", account.origin())
                            .header("Content-Type", contentType)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + "x".repeat(70_000) + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
        status(account, visitor).body("optedOut", equalTo(false));
    }

    @Test
    void anyContentTypeIsAcceptedAndAJsonBodyIsStillRead() {
        TestAccount account = Fixtures.account();
        String plain = Fixtures.visitor();
        given().header("X-Widget-Key", account.widgetKey())
                .contentType("text/plain")
                .post("/widget/visitors/{v}/opt-out", plain)
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true));
        given().header("X-Widget-Key", account.widgetKey())
                .contentType("application/octet-stream")
                .body(new byte[0])
                .post("/widget/visitors/{v}/opt-out", Fixtures.visitor())
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true));

        // a beacon sends a string as text/plain: the email in it is honoured as with application/json
        String beacon = Fixtures.visitor();
        given().header("X-Widget-Key", account.widgetKey())
                .contentType("text/plain;charset=UTF-8")
                .body("{\"email\": \"lee@example.com\"}")
                .post("/widget/visitors/{v}/opt-out", beacon)
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true));
        String json = Fixtures.visitor();
        account.widget()
                .body(Map.of("email", "ray@example.com"))
                .post("/widget/visitors/{v}/opt-out", json)
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true));
        for (String visitor : List.of(beacon, json)) {
            assertThat(Fixtures.query(
                            "select concat_ws('|', source, email_hmac is not null) from consent_entry"
                                    + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT'",
                            account.id(),
                            visitor))
                    .containsExactly("WIDGET|t");
        }
    }

    @Test
    void aBodyThatIsThereMustBeTheDocumentedJson() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        account.widget()
                .body("{\"email\": ")
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-privacy:problem:malformed-json"));
        account.widget()
                .body("{\"email\": \"not an email\"}")
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("email"));
        account.widget()
                .body("{\"email\": [\"a@example.com\"]}")
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("email"))
                .body("violations[0].message", equalTo("must be a string"));
        given().header("X-Widget-Key", account.widgetKey())
                .contentType("text/plain")
                .body("{\"admin\": true}")
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("admin"));
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
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
