package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.text.TextRules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The widget's answers, the agents' revocations and look-ups and the owner's form keep the platform's text
 * rule: what names something (an address, a name, a consent id, a reason, a field label) shows a visible
 * character and carries no control or bidi-override character; a consent text is free text. Each violation is
 * a 400 naming the field, and nothing is recorded.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class HostileTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> NOT_NAMES =
            List.of("Jo\u0000", "Jo\u001B[2J", "Jo\u0007", "Jo\u007F", "Jo\u0085", "Jo\u202E", "\u200B", "\u202E");

    @Test
    void theWidgetsAnswersAreHeldToTheRuleAndNothingIsRecorded() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        for (String bad : NOT_NAMES) {
            problem(consent(account, version, visitor, Map.of("name", bad)), "name");
            problem(consent(account, version, visitor, Map.of("consents", List.of("chat", bad))), "consents");
        }
        // Bean Validation's own @Email lets a bidi override or a C1 control through
        for (String address : List.of("jo\u202E@example.com", "jo\u0085@example.com", "jo\u2066@example.com")) {
            problem(consent(account, version, visitor, Map.of("email", address)), "email");
            problem(
                    account.widget()
                            .body(json(Map.of("email", address)))
                            .post("/widget/visitors/{v}/opt-out", visitor)
                            .then(),
                    "email");
        }
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
        assertThat(Fixtures.outboxTypes(visitor)).isEmpty();

        // an answer left empty (a name of only spaces too) is no answer, as before
        consent(account, version, visitor, Map.of("name", " ", "email", "")).statusCode(201);
        consent(account, version, Fixtures.visitor(), Map.of("name", "Zoë \uD83D\uDC4B", "email", "zoe@example.com"))
                .statusCode(201);
    }

    @Test
    void anAgentsReasonAndLookUpAddressAreNames() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        Fixtures.grant(account, version, visitor);
        for (String bad : NOT_NAMES) {
            problem(
                    given().auth()
                            .oauth2(account.agentToken())
                            .contentType("application/json")
                            .body(json(Map.of("visitorId", visitor, "reason", bad)))
                            .post("/accounts/{a}/consent-revocations", account.id())
                            .then(),
                    "reason");
        }
        problem(
                given().auth()
                        .oauth2(account.agentToken())
                        .contentType("application/json")
                        .body(json(Map.of("email", "jo\u202E@example.com")))
                        .post("/accounts/{a}/consent-history/lookups", account.id())
                        .then(),
                "email");
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("GRANTED");
    }

    @Test
    void aFieldLabelIsANameAndAConsentTextIsFreeText() {
        TestAccount account = Fixtures.account();
        for (String bad : NOT_NAMES) {
            problem(publish(account, bad, "I agree."), "fields.label");
        }
        problem(publish(account, "Your name", "I agree.\u0000"), "consents.label");
        given().auth()
                .oauth2(account.ownerToken())
                .get("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
        // a consent text keeps its line breaks: the hash proves exactly what was shown
        publish(account, "Your name", "I agree.\nSee [our policy](https://shop.example/privacy).")
                .statusCode(201);
    }

    @Test
    void theRuleIsStatedInTheOpenApiDocument() {
        String schemas = "components.schemas.";
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(schemas + "RecordConsentRequest.properties.email.pattern", equalTo(TextRules.NAME_OR_BLANK))
                .body(schemas + "RevokeConsentsRequest.properties.reason.pattern", equalTo(TextRules.NAME))
                .body(schemas + "Consent.properties.label.pattern", equalTo(TextRules.FREE_TEXT));
    }

    private static ValidatableResponse consent(
            TestAccount account, int version, String visitor, Map<String, Object> answers) {
        Map<String, Object> body = new HashMap<>();
        body.put("formVersion", version);
        body.put("visitorId", visitor);
        body.put("consents", List.of("chat"));
        body.putAll(answers);
        return account.widget().body(json(body)).post("/widget/consents").then();
    }

    private static ValidatableResponse publish(TestAccount account, String fieldLabel, String consentText) {
        Map<String, Object> body = Map.of(
                "fields", List.of(Map.of("id", "name", "kind", "NAME", "label", fieldLabel, "required", false)),
                "consents", List.of(Map.of("id", "chat", "label", consentText, "required", true)));
        return given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(json(body))
                .post("/accounts/{a}/form-versions", account.id())
                .then();
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith(field)))
                .body("violations.field", everyItem(startsWith(field)));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
