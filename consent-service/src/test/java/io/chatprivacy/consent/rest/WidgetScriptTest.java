package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The embeddable widget's files are public (no widget key), cacheable and pinned by their SRI hash;
 * every other widget path still demands the key first.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class WidgetScriptTest {

    @Test
    void theScriptIsServedWithoutAKeyAndItsBytesMatchThePublishedSri() throws Exception {
        Response script = given().get("/widget/v1/consent.js");
        script.then()
                .statusCode(200)
                .header("Content-Type", "text/javascript; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Access-Control-Allow-Origin", "*");
        byte[] bytes = script.asByteArray();
        String sri = "sha384-"
                + Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-384").digest(bytes));

        given().get("/widget/v1/consent.js.sri")
                .then()
                .statusCode(200)
                .header("Content-Type", "text/plain; charset=utf-8")
                .header("Access-Control-Allow-Origin", "*")
                .body(equalTo(sri));
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text).startsWith("/*! chat-privacy consent.js ").contains("window.ChatConsent");
        // what a strict CSP would block is not there
        assertThat(text).doesNotContain("eval(", "new Function", "innerHTML", "insertAdjacentHTML", "document.write");
        assertThat(text).doesNotContain(".style.", "setAttribute('style'", "cssText");
        assertThat(gzipped(bytes)).as("gzipped size").isLessThan(15 * 1024);
    }

    @Test
    void aConditionalGetWithTheEtagIs304() {
        for (String path : new String[] {"/widget/v1/consent.js", "/widget/v1/consent.css"}) {
            String etag = given().get(path).then().statusCode(200).extract().header("ETag");
            assertThat(etag).matches("\"[0-9a-f]{32}\"");
            given().header("If-None-Match", etag)
                    .get(path)
                    .then()
                    .statusCode(304)
                    .header("ETag", etag)
                    .header("Cache-Control", "public, max-age=31536000, immutable");
            given().header("If-None-Match", "\"other\", W/" + etag)
                    .get(path)
                    .then()
                    .statusCode(304);
            given().header("If-None-Match", "\"other\"").get(path).then().statusCode(200);
        }
    }

    @Test
    void theStylesheetIsServedBesideIt() {
        given().header("Origin", "https://anywhere.example")
                .get("/widget/v1/consent.css")
                .then()
                .statusCode(200)
                .header("Content-Type", "text/css; charset=utf-8")
                .header("X-Content-Type-Options", "nosniff")
                .header("Access-Control-Allow-Origin", "*");
        given().head("/widget/v1/consent.js")
                .then()
                .statusCode(200)
                .header("Content-Type", "text/javascript; charset=utf-8")
                .header("ETag", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theKeyIsStillRequiredForEveryOtherWidgetPathAndMethod() {
        String[] others = {
            "/widget/forms/current",
            "/widget/v1/",
            "/widget/v1/other.js",
            "/widget/v1/consent.js/x",
            "/widget/v2/consent.js",
            "/widget/v1/consent.jsx",
            "/widget/visitors/v-1/opt-out"
        };
        for (String path : others) {
            given().get(path)
                    .then()
                    .statusCode(401)
                    .body("type", equalTo("urn:chat-privacy:problem:invalid-widget-key"))
                    .header("Access-Control-Allow-Origin", nullValue());
        }
        given().contentType("application/json")
                .body("{}")
                .post("/widget/v1/consent.js")
                .then()
                .statusCode(401)
                .body("type", equalTo("urn:chat-privacy:problem:invalid-widget-key"));
        // with a valid key, the script path answers the same bytes and the API works as before
        TestAccount account = Fixtures.account();
        account.widget().get("/widget/v1/consent.js").then().statusCode(200);
        account.widget().get("/widget/forms/current").then().statusCode(404);
    }

    private static int gzipped(byte[] bytes) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.size();
    }
}
