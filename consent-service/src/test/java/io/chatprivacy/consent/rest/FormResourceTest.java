package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.consent.domain.Hashes;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The owner publishes immutable form versions; old versions keep their exact texts. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class FormResourceTest {

    @Test
    void publishingMakesVersionsAndOldTextsStayReadable() {
        TestAccount account = Fixtures.account();
        String body = Fixtures.formBody(Fixtures.CHAT_TEXT_V1, Fixtures.NEWS_TEXT);

        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(body)
                .post("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(201)
                .body("version", equalTo(1))
                .body("consents[0].label", equalTo(Fixtures.CHAT_TEXT_V1))
                .body("consents[0].textSha256", equalTo(Hashes.sha256(Fixtures.CHAT_TEXT_V1)))
                .body("fields.id", contains("name", "email", "question"));
        // the same content again is no new version
        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(body)
                .post("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(200)
                .body("version", equalTo(1));
        // a changed text is
        int v2 = Fixtures.publish(account, Fixtures.CHAT_TEXT_V2);
        org.assertj.core.api.Assertions.assertThat(v2).isEqualTo(2);

        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/form-versions/1", account.id())
                .then()
                .statusCode(200)
                .body("consents[0].label", equalTo(Fixtures.CHAT_TEXT_V1))
                .body("consents[0].textSha256", equalTo(Hashes.sha256(Fixtures.CHAT_TEXT_V1)));
        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(200)
                .body("version", contains(2, 1));
        account.widget()
                .get("/widget/forms/current")
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("consents[0].label", equalTo(Fixtures.CHAT_TEXT_V2))
                .body("consents[0].required", equalTo(true));
        Fixtures.query("select 1"); // the database is reachable for the next assertion
        org.assertj.core.api.Assertions.assertThat(Fixtures.query(
                        "select definition from form_version where account_id = ? and version = 1", account.id()))
                .singleElement()
                .asString()
                .contains(Fixtures.CHAT_TEXT_V1);
    }

    @Test
    void versionsCannotBeChangedInTheDatabaseEither() {
        TestAccount account = Fixtures.account();
        Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Fixtures.query(
                        "update form_version set definition = '{}' where account_id = ? returning 1", account.id()))
                .hasStackTraceContaining("append-only");
    }

    @Test
    void onlyTheOwnerPublishes() {
        TestAccount account = Fixtures.account();
        given().auth()
                .oauth2(account.agentToken())
                .contentType("application/json")
                .body(Fixtures.formBody(Fixtures.CHAT_TEXT_V1, Fixtures.NEWS_TEXT))
                .post("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void anInvalidFormIsRefusedNamingTheFields() {
        TestAccount account = Fixtures.account();
        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body("""
                        {"fields": [], "consents": [
                          {"id": "chat", "label": "See [policy](javascript:alert(1))", "required": true},
                          {"id": "chat", "label": "Again", "required": false}]}""")
                .post("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("consents[0].label"))
                .body("violations.field", hasItem("consents[1].id"));
        given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body("{\"fields\": [], \"consents\": []}")
                .post("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("consents"));
        given().auth()
                .oauth2(account.agentToken())
                .get("/accounts/{a}/form-versions", account.id())
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theWidgetGets404WithoutAForm() {
        Fixtures.account()
                .widget()
                .get("/widget/forms/current")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
