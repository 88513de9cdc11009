package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.consent.domain.Hashes;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Agents read a visitor's or an email's history with the exact texts; accounts never see each other. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class ConsentHistoryTest {

    @Test
    void aVisitorsHistoryShowsTheExactTextOfEachVersionAgreedTo() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        int v1 = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String first = Fixtures.grant(account, v1, visitor);
        account.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", first)
                .then()
                .statusCode(200);
        int v2 = Fixtures.publish(account, Fixtures.CHAT_TEXT_V2);
        Fixtures.grant(account, v2, visitor);

        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/visitors/{v}/consent-history", account.id(), visitor)
                .then()
                .statusCode(200)
                .body("entries.kind", contains("GRANTED", "REVOKED", "GRANTED"))
                .body("entries[0].formVersion", equalTo(v1))
                .body("entries[0].consents[0].label", equalTo(Fixtures.CHAT_TEXT_V1))
                .body("entries[0].consents[0].textSha256", equalTo(Hashes.sha256(Fixtures.CHAT_TEXT_V1)))
                .body("entries[1].revokes", equalTo(first))
                .body("entries[1].revokedBy", equalTo("VISITOR"))
                .body("entries[2].formVersion", equalTo(v2))
                .body("entries[2].consents[0].label", equalTo(Fixtures.CHAT_TEXT_V2));
    }

    @Test
    void anEmailsHistoryIsFoundByTheEmailInTheBody() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        for (String visitor : List.of(Fixtures.visitor(), Fixtures.visitor())) {
            account.widget()
                    .body(Map.of(
                            "formVersion",
                            version,
                            "visitorId",
                            visitor,
                            "email",
                            "jo@example.com",
                            "consents",
                            List.of("chat")))
                    .post("/widget/consents")
                    .then()
                    .statusCode(201);
        }
        Fixtures.grant(account, version, Fixtures.visitor());

        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(Map.of("email", "Jo@Example.com"))
                .post("/accounts/{a}/consent-history/lookups", account.id())
                .then()
                .statusCode(200)
                .body("entries", hasSize(2))
                .body("entries.kind", contains("GRANTED", "GRANTED"))
                .body(not(containsString("jo@example.com")));
    }

    @Test
    void oneAccountsKeyOrTokenNeverReadsOrChangesAnothersData() {
        TestAccount victim = Fixtures.account();
        TestAccount intruder = Fixtures.account();
        int version = Fixtures.publish(victim, Fixtures.CHAT_TEXT_V1);
        Fixtures.publish(intruder, "Intruder text");
        String visitor = Fixtures.visitor();
        String receipt = Fixtures.grant(victim, version, visitor);

        // the intruder's widget key: cannot revoke the victim's receipt, sees none of its visitor's state
        intruder.widget()
                .body(Map.of("visitorId", visitor))
                .post("/widget/consents/{r}/revocation", receipt)
                .then()
                .statusCode(404);
        intruder.widget()
                .get("/widget/forms/current")
                .then()
                .statusCode(200)
                .body("accountId", equalTo(intruder.id().toString()))
                .body("consents[0].label", equalTo("Intruder text"));
        // the intruder's tokens: every path of the victim's account is forbidden
        for (String token : List.of(intruder.ownerToken(), intruder.agentToken(), intruder.platformToken())) {
            given().auth()
                    .oauth2(token)
                    .get("/accounts/{a}/visitors/{v}/consent-history", victim.id(), visitor)
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("visitorId", visitor, "reason", "because"))
                    .post("/accounts/{a}/consent-revocations", victim.id())
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .get("/accounts/{a}/form-versions/{v}", victim.id(), version)
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Fixtures.formBody("Hijacked", "x"))
                    .post("/accounts/{a}/form-versions", victim.id())
                    .then()
                    .statusCode(403);
        }
        // asked under its own account, the intruder's agent finds nothing of the victim's visitor
        given().auth()
                .oauth2(intruder.agentToken())
                .contentType("application/json")
                .body(Map.of("visitorId", visitor, "reason", "because"))
                .post("/accounts/{a}/consent-revocations", intruder.id())
                .then()
                .statusCode(200)
                .body("revocations", hasSize(0));
        given().auth()
                .oauth2(intruder.agentToken())
                .get("/accounts/{a}/visitors/{v}/consent-history", intruder.id(), visitor)
                .then()
                .statusCode(200)
                .body("entries", hasSize(0));

        given().auth()
                .oauth2(victim.platformToken())
                .queryParam("visitorId", visitor)
                .get("/accounts/{a}/chat-gate", victim.id())
                .then()
                .body("allowed", equalTo(true));
        victim.widget().get("/widget/forms/current").then().body("consents[0].label", equalTo(Fixtures.CHAT_TEXT_V1));
    }
}
