package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bearer tokens are checked before the body is looked at; wrong shapes and unknown paths are problems. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class CredentialsFirstTest {

    private static final String[] BAD_BODIES = {
        "{\"name\":", "{\"name\":[\"Acme\"]}", "[{\"name\":\"Acme\"}]", "{\"name\":\"" + "x".repeat(300_000) + "\"}"
    };

    @Test
    void withoutATokenABadOrOversizedBodyIs401() {
        String account = UUID.randomUUID().toString();
        for (String body : BAD_BODIES) {
            for (String path : new String[] {"/accounts", "/accounts/" + account + "/rights-requests"}) {
                given().contentType("application/json")
                        .body(body)
                        .post(path)
                        .then()
                        .statusCode(401)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:chat-privacy:problem:unauthorized"));
            }
        }
    }

    @Test
    void withATokenAWrongShapeNamesTheFieldAndTheType() {
        given().auth()
                .oauth2(TestTokens.token(null, "admin"))
                .contentType("application/json")
                .body("{\"name\":[\"Acme\"],\"ownerEmail\":\"owner@acme.example\"}")
                .post("/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("name"))
                .body("violations[0].message", equalTo("must be a string"));
        given().get("/nope").then().statusCode(404).contentType("application/problem+json");
    }
}
