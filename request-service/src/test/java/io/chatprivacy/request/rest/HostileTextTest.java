package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import io.chatprivacy.request.persistence.AccountRepository;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Text that names something (a tag, an agent, a correction, an address, an account) must show a visible
 * character and carry no control, bidi-override or unpaired surrogate character; free text (a decline note, an
 * extension reason) anything but NUL and unpaired surrogates. Each is refused with a 400 naming the field, and
 * nothing is written. A tag is 100 characters here as everywhere.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class HostileTextTest {

    /** Written into JSON as the escape of an unpaired high surrogate (Jackson refuses to write one itself). */
    private static final String LONE_SURROGATE = "@@LONE@@";

    /** Values no name may be: each alone, and each inside an otherwise good value. */
    private static final List<String> NOT_NAMES = List.of(
            "Del\u0000ete",
            "Del\u001Bete",
            "Del\u0007ete",
            "Del\u007Fete",
            "Del\u009Bete",
            "Del\nete",
            "Del\u2028ete",
            "Del\u202Eete",
            "Del\u2066ete",
            "Del" + LONE_SURROGATE + "ete",
            "\u202E",
            "\u200B",
            "\u200B\u200D\u2060\uFEFF\u00AD",
            "\u3164",
            "\u00A0 \u3000",
            "");

    @Inject
    AccountService accountService;

    @Inject
    AccountRepository accounts;

    @Inject
    RightsRequestRepository requests;

    @Inject
    ObjectMapper mapper;

    private UUID accountId;
    private String agent;
    private String owner;

    @BeforeEach
    void registerAccount() {
        accountId = accountService
                .register("Acme", "owner@acme.example", List.of())
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
        owner = TestTokens.token(accountId, "owner");
    }

    @Test
    void aTagThatNamesNothingVisibleOrCarriesControlsIsRefused() {
        for (String tag : NOT_NAMES) {
            refused(Map.of("type", "DELETE", "tag", tag, "channel", "WEB_FORM"), "tag");
        }
        assertThat(countRequests()).isZero();
    }

    @Test
    void anAgentNameACorrectionAndAnAddressAreHeldToTheSameRule() {
        for (String bad : NOT_NAMES) {
            refused(
                    Map.of(
                            "type", "OPT_OUT",
                            "subjectVisitorId", "v-1",
                            "channel", "AUTHORIZED_AGENT",
                            "agentName", bad,
                            "signedPermission", true),
                    "agentName");
            refused(
                    Map.of(
                            "type", "CORRECT",
                            "subjectEmail", "ann@example.com",
                            "channel", "CHAT",
                            "correction", Map.of("field", "NAME", "value", bad)),
                    "correction.value");
        }
        // a bidi override, a C1 control or a zero-width character passes Bean Validation's own @Email
        for (String address : List.of("ann\u202E@example.com", "ann\u0085@example.com", "ann@exa\u202Emple.com")) {
            refused(Map.of("type", "ACCESS", "subjectEmail", address, "channel", "EMAIL"), "subjectEmail");
        }
        assertThat(countRequests()).isZero();
    }

    @Test
    void aTagOfOneHundredCharactersIsTakenAndOneMoreIsNot() {
        String hundred = "T".repeat(99) + "\u00E9";
        given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(json(Map.of("type", "DELETE", "tag", hundred, "channel", "WEB_FORM")))
                .post("/accounts/{a}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .body("tag", equalTo(hundred));
        refused(Map.of("type", "DELETE", "tag", "T".repeat(101), "channel", "WEB_FORM"), "tag");
        assertThat(countRequests()).isEqualTo(1);
    }

    @Test
    void namesFromManyScriptsAndEmojiSequencesAreTaken() {
        for (String tag :
                List.of("Löschen", "削除", "حذف\u200F", "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "a b")) {
            given().auth()
                    .oauth2(agent)
                    .contentType("application/json")
                    .body(json(Map.of("type", "DELETE", "tag", tag, "channel", "WEB_FORM")))
                    .post("/accounts/{a}/rights-requests", accountId)
                    .then()
                    .statusCode(201)
                    .body("tag", equalTo(tag));
        }
    }

    @Test
    void freeTextKeepsWhatWasTypedButNeverNul() {
        String requestId = given().auth()
                .oauth2(agent)
                .contentType("application/json")
                .body(json(Map.of("type", "ACCESS", "subjectEmail", "ed@example.com", "channel", "EMAIL")))
                .post("/accounts/{a}/rights-requests", accountId)
                .then()
                .statusCode(201)
                .extract()
                .path("requestId");
        for (String bad : List.of("Busy\u0000", "Busy" + LONE_SURROGATE)) {
            problem(post(agent, "/extension", requestId, Map.of("reason", bad)), "reason");
            problem(post(owner, "/decline", requestId, Map.of("reason", "CANNOT_VERIFY", "note", bad)), "note");
        }
        given().auth()
                .oauth2(agent)
                .get("/accounts/{a}/rights-requests/{r}", accountId, requestId)
                .then()
                .statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("extension", org.hamcrest.Matchers.nullValue());
        // a line break or a tab in a note is what people type
        post(owner, "/decline", requestId, Map.of("reason", "CANNOT_VERIFY", "note", "No match.\n\tSorry."))
                .statusCode(200)
                .body("decline.note", equalTo("No match.\n\tSorry."));
    }

    @Test
    void anAccountNameOrOwnerAddressThatNamesNothingIsRefused() {
        long before = QuarkusTransaction.requiringNew().call(() -> accounts.count());
        for (String bad : NOT_NAMES) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", bad);
            body.put("ownerEmail", "owner@example.com");
            body.put("allowedOrigins", List.of());
            problem(
                    given().auth()
                            .oauth2(TestTokens.token(null, "admin"))
                            .contentType("application/json")
                            .body(json(body))
                            .post("/accounts")
                            .then(),
                    "name");
        }
        problem(
                given().auth()
                        .oauth2(TestTokens.token(null, "admin"))
                        .contentType("application/json")
                        .body(json(Map.of(
                                "name", "Acme", "ownerEmail", "owner\u202E@example.com", "allowedOrigins", List.of())))
                        .post("/accounts")
                        .then(),
                "ownerEmail");
        assertThat(QuarkusTransaction.requiringNew().call(() -> accounts.count()))
                .isEqualTo(before);
    }

    @Test
    void theRuleAndTheLengthsAreStatedInTheOpenApiDocument() {
        String schemas = "components.schemas.";
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(schemas + "OpenRightsRequestRequest.properties.tag.maxLength", equalTo(MaxLength.TAG))
                .body(schemas + "OpenRightsRequestRequest.properties.tag.pattern", equalTo(TextRules.NAME))
                .body(schemas + "OpenRightsRequestRequest.properties.agentName.pattern", equalTo(TextRules.NAME))
                .body(schemas + "OpenRightsRequestRequest.properties.subjectEmail.pattern", equalTo(TextRules.NAME))
                .body(schemas + "Correction.properties.value.pattern", equalTo(TextRules.NAME))
                .body(schemas + "RegisterAccountRequest.properties.name.pattern", equalTo(TextRules.NAME))
                .body(schemas + "DeclineRightsRequestRequest.properties.note.pattern", equalTo(TextRules.FREE_TEXT));
    }

    private void refused(Map<String, Object> body, String field) {
        problem(
                given().auth()
                        .oauth2(agent)
                        .contentType("application/json")
                        .body(json(body))
                        .post("/accounts/{a}/rights-requests", accountId)
                        .then(),
                field);
    }

    private ValidatableResponse post(String token, String path, String requestId, Map<String, Object> body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(json(body))
                .post("/accounts/{a}/rights-requests/{r}" + path, accountId, requestId)
                .then();
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem(field))
                .body("violations.field", everyItem(equalTo(field)));
    }

    private String json(Map<String, Object> body) {
        try {
            return mapper.writeValueAsString(body).replace(LONE_SURROGATE, "\\ud800");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long countRequests() {
        return QuarkusTransaction.requiringNew().call(() -> requests.count("accountId", accountId));
    }
}
