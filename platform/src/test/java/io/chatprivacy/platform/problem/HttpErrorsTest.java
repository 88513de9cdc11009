package io.chatprivacy.platform.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.platform.security.Roles;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hamcrest.Matcher;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Every error is a problem+json document with a useful detail and nothing of the server's insides,
 * whichever layer answers it: Jackson, RESTEasy Reactive or Vert.x before either runs.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(JwtResource.class)
class HttpErrorsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final int LIMIT = 262_144; // quarkus.http.limits.max-body-size=256K
    /** Java class and package names, Jackson's own messages: none of it may reach a caller. */
    private static final Matcher<String> NO_INTERNALS = not(Matchers.matchesPattern(Pattern.compile(
            "(?s).*(java\\.|jakarta\\.|com\\.fasterxml|io\\.quarkus|io\\.vertx|io\\.chatprivacy|Exception|ShapeRequest"
                    + "|objectName|Cannot deserialize|line: ).*")));

    private final UUID account = UUID.randomUUID();

    /** The management interface: health and metrics (a port of its own, random in tests). */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private String shapes() {
        return "/accounts/" + account + "/shapes";
    }

    private RequestSpecification owner() {
        return given().auth().oauth2(TestTokens.token(account, Roles.OWNER)).contentType("application/json");
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status) {
        return response.statusCode(status)
                .contentType(PROBLEM)
                .body("status", equalTo(status))
                .body("type", startsWith("urn:chat-privacy:problem:"))
                .body("detail", not(Matchers.emptyOrNullString()))
                .body(NO_INTERNALS);
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503TheCallerMayRetryNotA500() {
        problem(given().get("/outage").then(), 503)
                .header("Retry-After", equalTo("5"))
                .body("type", equalTo("urn:chat-privacy:problem:unavailable"))
                .body("detail", containsString("try again"))
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("SQL")));
    }

    @Test
    void aValueOfTheWrongJsonTypeNamesTheFieldAndTheTypeExpected() {
        problem(owner().body("{\"tag\":[\"Delete\"]}").post(shapes()).then(), 400)
                .body("type", equalTo("urn:chat-privacy:problem:invalid-request"))
                .body("violations[0].field", equalTo("tag"))
                .body("violations[0].message", equalTo("must be a string"));
        problem(
                        owner().body("{\"inners\":[{\"label\":\"a\",\"size\":[1]}]}")
                                .post(shapes())
                                .then(),
                        400)
                .body("violations[0].field", equalTo("inners[0].size"))
                .body("violations[0].message", equalTo("must be a whole number"));
        problem(owner().body("{\"count\":{}}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("count"))
                .body("violations[0].message", equalTo("must be a whole number"));
        problem(owner().body("{\"inner\":\"x\"}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("inner"))
                .body("violations[0].message", equalTo("must be an object"));
        problem(owner().body("{\"tags\":\"x\"}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("tags"))
                .body("violations[0].message", equalTo("must be an array"));
    }

    @Test
    void aValueOfTheWrongFormatSaysWhatIsAccepted() {
        problem(owner().body("{\"colour\":\"BLUE\"}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("colour"))
                .body("violations[0].message", equalTo("must be one of RED, GREEN"));
        problem(owner().body("{\"ref\":\"not-a-uuid\"}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("ref"))
                .body("violations[0].message", equalTo("must be a UUID string"));
        problem(owner().body("{\"flag\":\"maybe\"}").post(shapes()).then(), 400)
                .body("violations[0].field", equalTo("flag"))
                .body("violations[0].message", equalTo("must be true or false"));
    }

    @Test
    void aTopLevelArrayWhereAnObjectIsExpectedIsAProblem() {
        problem(owner().body("[{\"tag\":\"x\"}]").post(shapes()).then(), 400)
                .body("detail", equalTo("The request body must be an object."))
                .body("violations[0].field", equalTo("body"));
        problem(owner().body("\"tag\"").post(shapes()).then(), 400).body("violations[0].field", equalTo("body"));
    }

    @Test
    void excessiveNestingAndOverlongNumbersAreProblems() {
        String deep = "[".repeat(3_000) + "]".repeat(3_000);
        problem(owner().body("{\"extra\":" + deep + "}").post(shapes()).then(), 400)
                .body("type", equalTo("urn:chat-privacy:problem:too-complex"))
                .body("detail", equalTo("The request body is nested too deeply."));
        problem(owner().body(deep).post(shapes()).then(), 400);
        problem(
                        owner().body("{\"count\":" + "1".repeat(2_000) + "}")
                                .post(shapes())
                                .then(),
                        400)
                .body("type", equalTo("urn:chat-privacy:problem:too-complex"));
    }

    @Test
    void malformedJsonAndAMissingBodyAreProblems() {
        problem(owner().body("{\"tag\":").post(shapes()).then(), 400)
                .body("type", equalTo("urn:chat-privacy:problem:malformed-json"));
        problem(owner().post(shapes()).then(), 400).body("violations[0].field", equalTo("body"));
    }

    @Test
    void aBodyOverTheLimitIsAProblemNamingTheLimit() {
        String big = "{\"tag\":\"" + "x".repeat(LIMIT) + "\"}";
        problem(owner().body(big).post(shapes()).then(), 413)
                .header("Connection", "close")
                .body("type", equalTo("urn:chat-privacy:problem:payload-too-large"))
                .body("detail", equalTo("The request body exceeds " + LIMIT + " bytes."));
        // without Content-Length (chunked): read up to the limit, then refused the same way
        problem(owner().body(stream(big)).post(shapes()).then(), 413)
                .body("detail", equalTo("The request body exceeds " + LIMIT + " bytes."));
        // a chunked body within the limit is read as usual
        owner().body(stream("{\"tag\":\"" + "x".repeat(LIMIT / 2) + "\"}"))
                .post(shapes())
                .then()
                .statusCode(200);
    }

    @Test
    void aCallerSendingItsWholeBodyBeforeReadingStillGetsTheAnswer() throws Exception {
        // an over-limit body is not read; closing the connection with it unread made the JDK's client
        // (and others that write the whole body before reading) see a dead connection, not the 413
        // megabytes, not kilobytes: more than the socket buffers hold, so most of it is still coming when the
        // answer is written
        String body = "{\"tag\":\"" + "x".repeat(8 * 1024 * 1024) + "\"}";
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> answer = client.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + shapes()))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + TestTokens.token(account, Roles.OWNER))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
            assertThat(answer.body()).contains("The request body exceeds " + LIMIT + " bytes.");
        }
    }

    @Test
    void anInvalidQueryParameterIsNamedByItsName() {
        for (String tag : new String[] {"x".repeat(101), "a%00b", "%E2%80%8B"}) {
            problem(
                            given().auth()
                                    .oauth2(TestTokens.token(account, Roles.OWNER))
                                    .urlEncodingEnabled(false)
                                    .get(shapes() + "?tag=" + tag)
                                    .then(),
                            400)
                    .body("violations[0].field", equalTo("tag"));
        }
        given().auth()
                .oauth2(TestTokens.token(account, Roles.OWNER))
                .get(shapes() + "?tag=Delete")
                .then()
                .statusCode(200);
    }

    @Test
    void aUriOverTheLimitIsAProblemAndOneWithinItIsServed() {
        // within the platform's 8192 characters (over the HTTP codec's former 4096): answered as usual
        given().auth()
                .oauth2(TestTokens.token(account, Roles.OWNER))
                .get(shapes() + "?q=" + "x".repeat(5_000))
                .then()
                .statusCode(200);
        for (String uri : new String[] {shapes() + "?q=" + "x".repeat(9_000), "/" + "x".repeat(20_000)}) {
            problem(given().get(uri).then(), 414)
                    .body("type", equalTo("urn:chat-privacy:problem:uri-too-long"))
                    .body("detail", equalTo("The request URI exceeds 8192 characters."))
                    // what was too long is not echoed back
                    .body("instance", Matchers.nullValue());
        }
        problem(owner().body("{}").post(shapes() + "?q=" + "x".repeat(9_000)).then(), 414);
    }

    @Test
    void withoutCredentialsTheBodyIsNeverLookedAt() {
        String big = "{\"tag\":\"" + "x".repeat(LIMIT) + "\"}";
        for (String body : new String[] {"{\"tag\":[1]}", "{\"tag\":", "[1]", "{\"nope\":1}"}) {
            problem(
                            given().contentType("application/json")
                                    .body(body)
                                    .post(shapes())
                                    .then(),
                            401)
                    .header("WWW-Authenticate", containsString("Bearer"));
        }
        problem(given().contentType("application/json").body(big).post(shapes()).then(), 401)
                .header("Connection", "close");
        problem(
                given().contentType("application/json")
                        .body(stream(big))
                        .post(shapes())
                        .then(),
                401);
        problem(
                        given().auth()
                                .oauth2("not.a.jwt")
                                .contentType("application/json")
                                .body(big)
                                .post(shapes())
                                .then(),
                        401)
                // the body was never read: the connection is not kept for another request
                .header("Connection", "close");
    }

    @Test
    void unsupportedMediaTypeNotAcceptableAndWrongMethodAreProblems() {
        problem(owner().contentType("text/plain").body("hi").post(shapes()).then(), 415)
                .body("detail", containsString("application/json"));
        problem(
                given().auth()
                        .oauth2(TestTokens.token(account, Roles.OWNER))
                        .accept("text/html")
                        .get(shapes())
                        .then(),
                406);
        problem(owner().delete(shapes()).then(), 405);
        problem(owner().put(shapes()).then(), 405);
    }

    @Test
    void unknownRoutesAreProblemsWhateverThePathAndMethod() {
        for (String path : new String[] {"/nope", "/q/nope", "/q/health/nope", "/accounts/" + account + "/nope"}) {
            problem(given().get(path).then(), 404).body("instance", equalTo(path));
            problem(
                    given().contentType("application/json")
                            .body("{}")
                            .post(path)
                            .then(),
                    404);
        }
        for (String method : new String[] {"PATCH", "DELETE", "OPTIONS", "TRACE"}) {
            problem(given().request(method, "/nope").then(), 404);
        }
    }

    @Test
    void theOperatorEndpointsStillAnswerNormally() {
        given().port(management.getPort())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .contentType(containsString("json"));
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200).contentType(containsString("html"));
        given().port(management.getPort())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_"));
        // health and metrics live on the management port only: on the public one they are unknown routes
        problem(given().get("/q/health/ready").then(), 404);
        problem(given().get("/q/metrics").then(), 404);
        // no credentials are asked for on the public /q paths, so an oversized body is just too large
        problem(
                given().contentType("application/json")
                        .body("x".repeat(LIMIT + 1))
                        .post("/q/openapi")
                        .then(),
                413);
    }

    private static ByteArrayInputStream stream(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
    }
}
