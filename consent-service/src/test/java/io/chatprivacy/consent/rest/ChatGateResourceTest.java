package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The chat gate across grant, revocation (visitor and agent) and a new required text. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class ChatGateResourceTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void yesOnlyWhileEveryRequiredConsentIsGrantedAndNotRevoked() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        gate(account, visitor).body("allowed", equalTo(false)).body("reason", equalTo("NO_FORM"));

        int v1 = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        gate(account, visitor)
                .body("allowed", equalTo(false))
                .body("reason", equalTo("CONSENT_MISSING"))
                .body("missingConsents", contains("chat"));

        String receipt = Fixtures.grant(account, v1, visitor);
        gate(account, visitor)
                .body("allowed", equalTo(true))
                .body("formVersion", equalTo(v1))
                .body("missingConsents", empty());

        // the visitor revokes from the widget with the receipt and their visitor id
        account.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", receipt)
                .then()
                .statusCode(200)
                .body("receiptId", equalTo(receipt))
                .body("revokedBy", equalTo("VISITOR"));
        gate(account, visitor).body("allowed", equalTo(false)).body("reason", equalTo("CONSENT_REVOKED"));
        // revoking again changes nothing
        account.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", receipt)
                .then()
                .statusCode(200);
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("GRANTED", "REVOKED");

        // consenting again opens the gate again
        Fixtures.grant(account, v1, visitor);
        gate(account, visitor).body("allowed", equalTo(true));

        // a version that changes only the optional text keeps the grant
        Fixtures.publish(account, Fixtures.CHAT_TEXT_V1, "Send me the weekly newsletter.");
        gate(account, visitor).body("allowed", equalTo(true));

        // a version whose required text changed needs a new consent
        int v3 = Fixtures.publish(account, Fixtures.CHAT_TEXT_V2);
        gate(account, visitor)
                .body("allowed", equalTo(false))
                .body("reason", equalTo("CONSENT_OUTDATED"))
                .body("formVersion", equalTo(v3));
        Fixtures.grant(account, v3, visitor);
        gate(account, visitor).body("allowed", equalTo(true));

        var events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 4);
        assertThat(events)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly(
                        "consent.granted.v1", "consent.revoked.v1", "consent.granted.v1", "consent.granted.v1");
    }

    @Test
    void anAgentRevokesOnTheVisitorsBehalfByEmailWithAReason() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        account.widget()
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        visitor,
                        "email",
                        "sam@example.com",
                        "consents",
                        java.util.List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201);
        gate(account, visitor).body("allowed", equalTo(true));

        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(Map.of("email", "SAM@example.com", "reason", "Asked by email on 2 May"))
                .post("/accounts/{a}/consent-revocations", account.id())
                .then()
                .statusCode(200)
                .body("revocations", hasSize(1))
                .body("revocations[0].revokedBy", equalTo("AGENT"))
                .body("revocations[0].visitorId", equalTo(visitor));
        gate(account, visitor).body("allowed", equalTo(false)).body("reason", equalTo("CONSENT_REVOKED"));
        assertThat(Fixtures.query(
                        "select reason from consent_entry where account_id = ? and kind = 'REVOKED' and visitor_id = ?",
                        account.id(),
                        visitor))
                .containsExactly("Asked by email on 2 May");

        // nothing left to revoke: an empty answer, no new row
        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(Map.of("visitorId", visitor, "reason", "again"))
                .post("/accounts/{a}/consent-revocations", account.id())
                .then()
                .statusCode(200)
                .body("revocations", empty());
        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(Map.of("reason", "nobody named"))
                .post("/accounts/{a}/consent-revocations", account.id())
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("GRANTED", "REVOKED");
    }

    @Test
    void aVisitorCanRevokeOnlyTheirOwnReceipt() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        String receipt = Fixtures.grant(account, version, visitor);

        account.widget()
                .body(Map.of("visitorId", Fixtures.visitor()))
                .post("/widget/consents/{r}/revocation", receipt)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        account.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", UUID.randomUUID())
                .then()
                .statusCode(404);
        gate(account, visitor).body("allowed", equalTo(true));
    }

    @Test
    void onlyTheAccountsOwnCallersMayAsk() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        given().queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", account.id())
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.token(UUID.randomUUID(), "platform"))
                .queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", account.id())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().header("X-Widget-Key", account.widgetKey())
                .queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", account.id())
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(TestTokens.token(account.id(), "admin"))
                .queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", account.id())
                .then()
                .statusCode(403);
    }

    private static ValidatableResponse gate(TestAccount account, String visitor) {
        return given().auth()
                .oauth2(account.platformToken())
                .queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", account.id())
                .then()
                .statusCode(200)
                .body("visitorId", equalTo(visitor));
    }
}
