package io.chatprivacy.consent.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.consent.domain.Hashes;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recording consent from the widget, and everything a hostile caller might try on that endpoint. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class WidgetConsentTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aConsentIsAppendedToTheLedgerAndAnnounced() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        String receiptId = account.widget()
                .header("User-Agent", "Mozilla/5.0 (Test)")
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        visitor,
                        "name",
                        "Ada Lovelace",
                        "email",
                        "Ada@Example.com",
                        "consents",
                        List.of("chat", "news")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .header("Access-Control-Allow-Origin", account.origin())
                .body("receiptId", notNullValue())
                .body("visitorId", equalTo(visitor))
                .body("formVersion", equalTo(version))
                .body("consents", contains("chat", "news"))
                .body("optedOut", equalTo(false))
                .extract()
                .path("receiptId");

        List<String> row = Fixtures.query(
                "select concat_ws('|', kind, form_version, array_to_string(consent_ids, ','),"
                        + " array_to_string(text_sha256s, ','), user_agent, email_hmac is not null,"
                        + " length(ip_hash)) from consent_entry where id = ?",
                UUID.fromString(receiptId));
        assertThat(row)
                .containsExactly("GRANTED|" + version + "|chat,news|" + Hashes.sha256(Fixtures.CHAT_TEXT_V1) + ","
                        + Hashes.sha256(Fixtures.NEWS_TEXT) + "|Mozilla/5.0 (Test)|t|64");
        // neither the name nor the email nor the address is stored in clear anywhere in the row
        assertThat(Fixtures.query(
                        "select row_to_json(e)::text from consent_entry e where id = ?", UUID.fromString(receiptId)))
                .singleElement()
                .asString()
                .doesNotContainIgnoringCase("ada")
                .doesNotContain("127.0.0.1");

        var records = Fixtures.awaitRecords(kafka, "consent-events", visitor, 1);
        assertThat(Fixtures.header(records.get(0), "ce_type")).isEqualTo("consent.granted.v1");
        assertThat(Fixtures.header(records.get(0), "ce_subject")).isEqualTo(receiptId);
        assertThat(records.get(0).value()).contains(receiptId).doesNotContainIgnoringCase("ada");
    }

    @Test
    void aMissingRequiredConsentIs422NamingItAndNothingIsStored() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        Fixtures.consent(account, version, visitor, "news")
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", account.origin())
                .body("type", equalTo("urn:chat-privacy:problem:required-consent-missing"))
                .body("violations.field", contains("consents.chat"));
        Fixtures.consent(account, version, visitor)
                .then()
                .statusCode(422)
                .body("violations.field", contains("consents.chat"));

        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
        assertThat(Fixtures.outboxTypes(visitor)).isEmpty();
    }

    @Test
    void theVersionMustExistAndBelongToTheAccount() {
        TestAccount account = Fixtures.account();
        TestAccount other = Fixtures.account();
        int version = Fixtures.publish(other, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        Fixtures.consent(account, version, visitor, "chat")
                .then()
                .statusCode(422)
                .body("violations.field", contains("formVersion"));
        Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        Fixtures.consent(account, version + 1, visitor, "chat")
                .then()
                .statusCode(422)
                .body("violations.field", contains("formVersion"));
        Fixtures.consent(account, version, visitor, "chat", "surprise")
                .then()
                .statusCode(422)
                .body("violations.field", contains("consents.surprise"));
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
        assertThat(Fixtures.ledgerKinds(other.id(), visitor)).isEmpty();
    }

    @Test
    void unknownAndDisabledKeysGetTheSame401() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String body = "{\"formVersion\":" + version + ",\"visitorId\":\"" + Fixtures.visitor()
                + "\",\"consents\":[\"chat\"]}";

        String unknown = given().header("X-Widget-Key", "wk_made_up")
                .contentType("application/json")
                .body(body)
                .post("/widget/consents")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .extract()
                .asString();
        String missing = given().contentType("application/json")
                .body(body)
                .post("/widget/consents")
                .then()
                .statusCode(401)
                .extract()
                .asString();

        account.widget().get("/widget/forms/current").then().statusCode(200); // the key is now cached as valid
        disable(account);
        // dropped from the cache when the event is applied, well before the cache entry would expire (10 s)
        await().atMost(Duration.ofSeconds(3))
                .until(() ->
                        account.widget().body(body).post("/widget/consents").statusCode() == 401);
        String disabled = account.widget()
                .body(body)
                .post("/widget/consents")
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertThat(disabled).isEqualTo(unknown).isEqualTo(missing);
        account.widget().get("/widget/forms/current").then().statusCode(401);
    }

    @Test
    void aForeignOriginIsRefusedAndNothingStored() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        given().header("X-Widget-Key", account.widgetKey())
                .header("Origin", "https://evil.example")
                .contentType("application/json")
                .body(Map.of("formVersion", version, "visitorId", visitor, "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .header("Access-Control-Allow-Origin", nullValue());
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
    }

    @Test
    void preflightsAreAnsweredOnlyForKnownOrigins() {
        TestAccount account = Fixtures.account();
        given().header("Origin", account.origin())
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-widget-key")
                .options("/widget/consents")
                .then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", account.origin())
                .header("Access-Control-Allow-Headers", org.hamcrest.Matchers.containsString("X-Widget-Key"));
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST")
                .options("/widget/consents")
                .then()
                .statusCode(403)
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void malformedUnknownAndOversizedInputIsAProblemAndChangesNothing() {
        TestAccount account = Fixtures.account();
        Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();

        account.widget()
                .body("{\"formVersion\": 1, \"visitorId\": ")
                .post("/widget/consents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        account.widget()
                .body(Map.of("formVersion", 1, "visitorId", visitor, "consents", List.of("chat"), "admin", true))
                .post("/widget/consents")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("admin"));
        account.widget()
                .body(Map.of("formVersion", 1, "visitorId", "not a visitor id!", "consents", List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("visitorId"));
        account.widget()
                .body(Map.of(
                        "formVersion",
                        1,
                        "visitorId",
                        visitor,
                        "consents",
                        List.of("chat"),
                        "name",
                        "x".repeat(20_000)))
                .post("/widget/consents")
                .then()
                .statusCode(413)
                .contentType("application/problem+json");
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).isEmpty();
    }

    @Test
    void theGrantEventMatchesItsGoldenSample() throws Exception {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        String visitor = Fixtures.visitor();
        Fixtures.grant(account, version, visitor);

        var record = Fixtures.awaitRecords(kafka, "consent-events", visitor, 1).get(0);
        GoldenEvent golden = GoldenEvent.load("consent-events", "consent.granted.v1");
        var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(record.value());
        assertThat(fieldNames(data)).containsExactlyInAnyOrderElementsOf(fieldNames(golden.data()));
        assertThat(data.get("consents").get(0).get("textSha256").asText())
                .isEqualTo(Hashes.sha256(Fixtures.CHAT_TEXT_V1));
        assertThat(Fixtures.header(record, "ce_accountid"))
                .isEqualTo(account.id().toString());
        assertThat(Fixtures.header(record, "ce_schemaversion")).isEqualTo(golden.attribute("schemaversion"));
    }

    private void disable(TestAccount account) {
        // through the account-events consumer, as the registry would: it also drops the cached key at once
        GoldenEvent event = GoldenEvent.load("account-events", "account.registered.v1")
                .withAttributes(Map.of(
                        "id", UUID.randomUUID().toString(),
                        "accountid", account.id().toString(),
                        "subject", account.id().toString(),
                        "partitionkey", account.id().toString()))
                .withData(Map.of(
                        "accountId", account.id().toString(),
                        "widgetKeySha256", Hashes.sha256(account.widgetKey()),
                        "status", "DISABLED"));
        kafka.produce(String.class, String.class).fromRecords(event.toRecord()).awaitCompletion();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Fixtures.query("select status from account where id = ?", account.id())
                        .equals(List.of("DISABLED")));
    }

    static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
