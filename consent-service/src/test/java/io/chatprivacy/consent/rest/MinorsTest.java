package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Minors (Cal. Civ. Code §1798.120(c), (d); 11 CCR §7070, §7071): a visitor known to be under 16 is not sold or
 * shared until an opt-in, their own at 13 to 15, a parent's (recorded by an owner) under 13; any opt-out or GPC wins.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class MinorsTest {

    private static final String OPT_IN = "{\"scope\": \"SALE_SHARING\"}";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    ObjectMapper mapper;

    @Test
    void aVisitorOf13To15IsNotSellableUntilTheirOwnOptInAndALaterOptOutPutsItBack() throws Exception {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        // ticking every consent, the newsletter included, is no opt-in to sale/sharing
        consent(account, version, visitor, Map.of("ageBand", "13_TO_15", "consents", List.of("chat", "news")))
                .statusCode(201)
                .body("optedOut", equalTo(false));
        status(account, visitor)
                .body("optedOut", equalTo(false))
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("MINOR_NO_OPT_IN"))
                .body("ageBand", equalTo("13_TO_15"))
                .body("optedInAt", nullValue());
        // the account's users (and the chat platform) read the same
        given().auth()
                .oauth2(account.platformToken())
                .get("/accounts/{a}/visitors/{v}/sale-sharing", account.id(), visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("MINOR_NO_OPT_IN"));
        // the same age again adds nothing
        consent(account, version, visitor, Map.of("ageBand", "13_TO_15")).statusCode(201);
        assertThat(saleSharingRows(account, visitor)).containsExactly("OPTED_OUT|SALE_SHARING|MINOR||13_TO_15");

        account.widget()
                .body(OPT_IN)
                .post("/widget/visitors/{v}/opt-in", visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(true))
                .body("saleSharingReason", equalTo("MINOR_OPTED_IN"))
                .body("optedInAt", notNullValue());
        // a repeat records nothing more
        account.widget()
                .body(OPT_IN)
                .post("/widget/visitors/{v}/opt-in", visitor)
                .then()
                .statusCode(200);
        assertThat(saleSharingRows(account, visitor))
                .containsExactly("OPTED_OUT|SALE_SHARING|MINOR||13_TO_15", "OPTED_IN|SALE_SHARING||VISITOR|13_TO_15");

        // a later opt-out puts it back, and an opt-in cannot lift it
        account.widget()
                .post("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true))
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("OPTED_OUT"));
        refused(
                account.widget()
                        .body(OPT_IN)
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                409,
                "opted-out");
        assertThat(saleSharingRows(account, visitor)).hasSize(3);

        List<ConsumerRecord<String, String>> events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 5);
        assertThat(events)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly(
                        "consent.granted.v1",
                        "consent.opted-out.v1",
                        "consent.granted.v1",
                        "consent.opted-in.v1",
                        "consent.opted-out.v1");
        JsonNode minor = mapper.readTree(events.get(1).value());
        assertThat(minor.get("scope").asText()).isEqualTo("SALE_SHARING");
        assertThat(minor.get("source").asText()).isEqualTo("MINOR");
        assertThat(minor.get("ageBand").asText()).isEqualTo("13_TO_15");
        JsonNode optIn = mapper.readTree(events.get(3).value());
        assertThat(optIn.get("authorizedBy").asText()).isEqualTo("VISITOR");
        assertThat(optIn.get("ageBand").asText()).isEqualTo("13_TO_15");
        JsonNode optOut = mapper.readTree(events.get(4).value());
        assertThat(optOut.get("source").asText()).isEqualTo("WIDGET");
        assertThat(optOut.get("ageBand").isNull()).isTrue();
    }

    @Test
    void aChildUnder13CannotOptInAndAParentsAuthorizationRecordedByTheOwnerLiftsIt() throws Exception {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        account.widget()
                .body(Map.of("ageBand", "UNDER_13"))
                .post("/widget/visitors/{v}/age", visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("MINOR_NO_PARENTAL_AUTHORIZATION"))
                .body("ageBand", equalTo("UNDER_13"));

        refused(
                account.widget()
                        .body(OPT_IN)
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                403,
                "parental-authorization-required");
        String authorization = "{\"scope\": \"SALE_SHARING\", \"verificationMethod\": \"signed consent form by mail\"}";
        // neither an agent, nor another account's owner, nor anyone without a token records a parent's authorization
        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(authorization)
                .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Fixtures.account().ownerToken())
                .contentType("application/json")
                .body(authorization)
                .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body(authorization)
                .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                .then()
                .statusCode(401);
        assertThat(saleSharingRows(account, visitor)).containsExactly("OPTED_OUT|SALE_SHARING|MINOR||UNDER_13");

        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(authorization)
                .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(true))
                .body("saleSharingReason", equalTo("PARENTAL_AUTHORIZATION"));
        status(account, visitor).body("saleSharingAllowed", equalTo(true));
        assertThat(Fixtures.query(
                        "select concat_ws('|', opted_in_by, age_band, verification_method, actor)"
                                + " from consent_entry where account_id = ? and visitor_id = ? and kind = 'OPTED_IN'",
                        account.id(),
                        visitor))
                .singleElement()
                .asString()
                .matches("PARENT\\|UNDER_13\\|signed consent form by mail\\|user-[0-9a-f-]{36}");
        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/visitors/{v}/consent-history", account.id(), visitor)
                .then()
                .statusCode(200)
                .body("entries.kind", equalTo(List.of("OPTED_OUT", "OPTED_IN")))
                .body("entries[0].source", equalTo("MINOR"))
                .body("entries[0].ageBand", equalTo("UNDER_13"))
                .body("entries[1].optedInBy", equalTo("PARENT"))
                .body("entries[1].verificationMethod", equalTo("signed consent form by mail"))
                .body("entries[1].recordedBy", notNullValue());

        List<ConsumerRecord<String, String>> events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 2);
        assertThat(events)
                .extracting(r -> Fixtures.header(r, "ce_type"))
                .containsExactly("consent.opted-out.v1", "consent.opted-in.v1");
        JsonNode optIn = mapper.readTree(events.get(1).value());
        assertThat(optIn.get("authorizedBy").asText()).isEqualTo("PARENT");
        assertThat(optIn.get("ageBand").asText()).isEqualTo("UNDER_13");
        assertThat(events.get(1).value()).doesNotContain("signed consent form");
    }

    @Test
    void gpcAlwaysWinsOverAnOptIn() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        consent(account, version, visitor, Map.of("ageBand", "13_TO_15")).statusCode(201);

        // an opt-in sent with GPC is refused, and nothing is stored
        refused(
                account.widget()
                        .header("Sec-GPC", "1")
                        .body(OPT_IN)
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                409,
                "gpc-overrides-opt-in");
        assertThat(saleSharingRows(account, visitor)).hasSize(1);

        account.widget()
                .body(OPT_IN)
                .post("/widget/visitors/{v}/opt-in", visitor)
                .then()
                .statusCode(200);
        status(account, visitor).body("saleSharingAllowed", equalTo(true));
        // the next chat comes with GPC: opted out, whatever the opt-in
        account.widget()
                .header("Sec-GPC", "1")
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(true));
        status(account, visitor)
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("OPTED_OUT"))
                .body("ageBand", equalTo("13_TO_15"));
    }

    @Test
    void theYoungestAgeAppliesAndAnAgentMayRecordIt() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        consent(account, version, visitor, Map.of("ageBand", "13_TO_15")).statusCode(201);
        account.widget()
                .body(OPT_IN)
                .post("/widget/visitors/{v}/opt-in", visitor)
                .then()
                .statusCode(200);
        // the visitor tells the agent in the chat they are 12: their own opt-in no longer counts
        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(Map.of("ageBand", "UNDER_13"))
                .post("/accounts/{a}/visitors/{v}/age", account.id(), visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("MINOR_NO_PARENTAL_AUTHORIZATION"));
        // claiming an older age later changes nothing
        account.widget()
                .body(Map.of("ageBand", "16_OR_OVER"))
                .post("/widget/visitors/{v}/age", visitor)
                .then()
                .statusCode(200)
                .body("saleSharingAllowed", equalTo(false))
                .body("ageBand", equalTo("UNDER_13"));
        assertThat(saleSharingRows(account, visitor))
                .containsExactly(
                        "OPTED_OUT|SALE_SHARING|MINOR||13_TO_15",
                        "OPTED_IN|SALE_SHARING||VISITOR|13_TO_15",
                        "OPTED_OUT|SALE_SHARING|MINOR||UNDER_13");
        // an adult's age records nothing, and adults are sellable until they opt out
        String adult = Fixtures.visitor();
        consent(account, version, adult, Map.of("ageBand", "16_OR_OVER")).statusCode(201);
        status(account, adult)
                .body("saleSharingAllowed", equalTo(true))
                .body("saleSharingReason", equalTo("NOT_OPTED_OUT"));
        assertThat(saleSharingRows(account, adult)).isEmpty();
    }

    @Test
    void aMinorsAgeFollowsTheirEmailButIsNoOptOutOfIt() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        String email = "teen-" + visitor + "@example.com";
        account.widget()
                .body(Map.of("ageBand", "13_TO_15", "email", email))
                .post("/widget/visitors/{v}/age", visitor)
                .then()
                .statusCode(200);
        // the same person on another device: known to be a minor by their email
        String other = Fixtures.visitor();
        consent(account, version, other, Map.of("email", email)).statusCode(201);
        status(account, other)
                .body("optedOut", equalTo(false))
                .body("saleSharingAllowed", equalTo(false))
                .body("saleSharingReason", equalTo("MINOR_NO_OPT_IN"));
        // a minor's default is not linked on as an opt-out: no LINKED row
        assertThat(saleSharingRows(account, other)).isEmpty();
    }

    @Test
    void refusedOptInsAndHostileInputStoreNothing() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        // no age known: nothing to opt in to
        refused(
                account.widget()
                        .body(OPT_IN)
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                422,
                "not-a-known-minor");
        // a parent's authorization for a visitor not known to be under 13
        refused(
                given().auth()
                        .oauth2(account.ownerToken())
                        .contentType("application/json")
                        .body(Map.of("scope", "SALE_SHARING", "verificationMethod", "video call"))
                        .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                        .then(),
                422,
                "not-under-13");
        // values outside the bands, the scope or the text rule
        invalid(consent(account, version, visitor, Map.of("ageBand", "12")), "ageBand");
        invalid(consent(account, version, visitor, Map.of("ageBand", 12)), "ageBand");
        invalid(
                account.widget()
                        .body(Map.of("ageBand", "under_13"))
                        .post("/widget/visitors/{v}/age", visitor)
                        .then(),
                "ageBand");
        invalid(
                account.widget()
                        .body("{}")
                        .post("/widget/visitors/{v}/age", visitor)
                        .then(),
                "ageBand");
        invalid(
                account.widget()
                        .body(Map.of("scope", "EVERYTHING"))
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                "scope");
        invalid(
                account.widget()
                        .body(Map.of("scope", "SALE_SHARING", "parent", true))
                        .post("/widget/visitors/{v}/opt-in", visitor)
                        .then(),
                "parent");
        for (String bad : List.of("signed\u0000form", "signed \u202Eform", "\u200B", "x".repeat(201))) {
            invalid(
                    given().auth()
                            .oauth2(account.ownerToken())
                            .contentType("application/json")
                            .body(Map.of("scope", "SALE_SHARING", "verificationMethod", bad))
                            .post("/accounts/{a}/visitors/{v}/parental-authorizations", account.id(), visitor)
                            .then(),
                    "verificationMethod");
        }
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
        assertThat(Fixtures.outboxTypes(visitor)).isEmpty();
    }

    private static ValidatableResponse consent(
            TestAccount account, int version, String visitor, Map<String, Object> extra) {
        Map<String, Object> body =
                new HashMap<>(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")));
        body.putAll(extra);
        return account.widget().body(body).post("/widget/consents").then();
    }

    private static ValidatableResponse status(TestAccount account, String visitor) {
        return account.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200);
    }

    private static void refused(ValidatableResponse response, int status, String slug) {
        response.statusCode(status).contentType("application/problem+json").body("type", endsWith(slug));
    }

    private static void invalid(ValidatableResponse response, String field) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith(field)))
                .body("violations.field", everyItem(startsWith(field)));
    }

    /** kind|scope|source|opted_in_by|age_band of a visitor's sale/sharing rows, oldest first. */
    private static List<String> saleSharingRows(TestAccount account, String visitor) {
        return Fixtures.query(
                "select concat_ws('|', kind, scope, coalesce(source, ''), coalesce(opted_in_by, ''), age_band)"
                        + " from consent_entry where account_id = ? and visitor_id = ? and scope = 'SALE_SHARING'"
                        + " order by recorded_at, id",
                account.id(),
                visitor);
    }
}
