package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The widget key is checked before anything else of a call: its body, media type, size or path. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class WidgetKeyFirstTest {

    private static final String OVERSIZED =
            "{\"formVersion\":1,\"visitorId\":\"v-1\",\"consents\":[\"chat\"],\"name\":\"" + "x".repeat(20_000) + "\"}";

    private static ValidatableResponse invalidKey(ValidatableResponse response) {
        return response.statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-privacy:problem:invalid-widget-key"));
    }

    @Test
    void withoutAValidKeyABadBodyIs401Not400() {
        List<Supplier<RequestSpecification>> callers =
                List.of(() -> given(), () -> given().header("X-Widget-Key", "wk_made_up"));
        for (Supplier<RequestSpecification> caller : callers) {
            for (String body : new String[] {"{\"formVersion\": 1, \"visitorId\": ", "[1]", "{\"admin\":true}"}) {
                invalidKey(caller.get()
                        .contentType("application/json")
                        .body(body)
                        .post("/widget/consents")
                        .then());
                invalidKey(caller.get()
                        .contentType("application/json")
                        .body(body)
                        .post("/widget/visitors/{v}/opt-out", Fixtures.visitor())
                        .then());
            }
            invalidKey(caller.get()
                    .contentType("text/plain")
                    .body("hello")
                    .post("/widget/consents")
                    .then());
            invalidKey(caller.get().get("/widget/no-such-thing").then());
        }
    }

    @Test
    void withoutAValidKeyAnOversizedBodyIs401Not413() {
        invalidKey(given().contentType("application/json")
                .body(OVERSIZED)
                .post("/widget/consents")
                .then());
        invalidKey(given().header("X-Widget-Key", "wk_made_up")
                .contentType("application/json")
                .body(OVERSIZED)
                .post("/widget/consents")
                .then());
        invalidKey(given().contentType("application/json")
                .body(chunked(OVERSIZED))
                .post("/widget/consents")
                .then());
    }

    @Test
    void withAValidKeyAnOversizedBodyIs413NamingTheWidgetLimit() {
        TestAccount account = Fixtures.account();
        account.widget()
                .body(OVERSIZED)
                .post("/widget/consents")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", equalTo("The request body exceeds 16384 bytes."));
        // a body without Content-Length is held to the same limit
        account.widget()
                .body(chunked(OVERSIZED))
                .post("/widget/consents")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", equalTo("The request body exceeds 16384 bytes."));
    }

    @Test
    void aForeignOriginIs403WhateverTheBody() {
        TestAccount account = Fixtures.account();
        given().header("X-Widget-Key", account.widgetKey())
                .header("Origin", "https://evil.example")
                .contentType("application/json")
                .body("{\"formVersion\": ")
                .post("/widget/consents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-privacy:problem:origin-not-allowed"));
    }

    @Test
    void withAValidKeyTheBodyIsJudgedAsBefore() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        account.widget()
                .contentType("text/plain")
                .body("{}")
                .post("/widget/consents")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        account.widget()
                .body("{\"formVersion\":" + version + ",\"visitorId\":[\"" + visitor + "\"],\"consents\":[\"chat\"]}")
                .post("/widget/consents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("visitorId"))
                .body("violations[0].message", equalTo("must be a string"));
        account.widget()
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201);
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("GRANTED");
    }

    private static ByteArrayInputStream chunked(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
