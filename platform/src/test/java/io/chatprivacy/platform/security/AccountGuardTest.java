package io.chatprivacy.platform.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Accounts stay apart, and every failure is a problem+json document. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(JwtResource.class)
class AccountGuardTest {

    private static final String PROBLEM = "application/problem+json";
    private final UUID accountA = UUID.randomUUID();
    private final UUID accountB = UUID.randomUUID();

    @Test
    void tokenOfTheSameAccountIsAccepted() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.AGENT))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(accountA.toString()));
    }

    @Test
    void tokenOfAnotherAccountIsForbidden() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .get("/accounts/{id}/things", accountB)
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("status", equalTo(403))
                .body("type", equalTo("urn:chat-privacy:problem:forbidden"))
                .body("instance", equalTo("/accounts/" + accountB + "/things"));
    }

    @Test
    void tokenOfAnotherAccountCannotChangeAnything() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .post("/accounts/{id}/things", accountB)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void tokenWithoutAccountClaimIsForbidden() {
        given().auth()
                .oauth2(TestTokens.token(null, Roles.ADMIN, Roles.OWNER))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void noTokenIsUnauthorized() {
        given().get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401));
    }

    @Test
    void forgedTokenIsUnauthorized() {
        given().auth()
                .oauth2(TestTokens.tokenWithIssuer("someone-else", accountA, Roles.OWNER))
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        given().auth()
                .oauth2("not.a.jwt")
                .get("/accounts/{id}/things", accountA)
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
    }

    @Test
    void wrongRoleIsForbidden() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.AGENT))
                .contentType("application/json")
                .body("{\"name\":\"x\"}")
                .post("/accounts/{id}/things", accountA)
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void permitAllEndpointsAreOpen() {
        given().get("/accounts/{id}/things/public", accountA).then().statusCode(200);
    }

    @Test
    void invalidFieldsAreNamed() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .contentType("application/json")
                .body("{\"name\":\"\",\"ownerEmail\":\"not-an-email\"}")
                .post("/accounts/{id}/things", accountA)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("ownerEmail"));
    }

    @Test
    void unknownFieldsAndMalformedJsonAreProblems() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .contentType("application/json")
                .body("{\"name\":\"x\",\"admin\":true}")
                .post("/accounts/{id}/things", accountA)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("violations[0].field", equalTo("admin"));
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .contentType("application/json")
                .body("{\"name\":")
                .post("/accounts/{id}/things", accountA)
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:chat-privacy:problem:malformed-json"));
    }

    @Test
    void domainProblemsKeepTheirStatus() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .contentType("application/json")
                .body("{\"name\":\"taken\"}")
                .post("/accounts/{id}/things", accountA)
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("urn:chat-privacy:problem:thing-exists"));
    }

    @Test
    void unexpectedFailuresRevealNothing() {
        given().auth()
                .oauth2(TestTokens.token(accountA, Roles.OWNER))
                .get("/accounts/{id}/things/boom", accountA)
                .then()
                .statusCode(500)
                .contentType(PROBLEM)
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void unknownPathsAreProblems() {
        given().get("/no-such-thing").then().statusCode(404).contentType(PROBLEM);
    }
}
