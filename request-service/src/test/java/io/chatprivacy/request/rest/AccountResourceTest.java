package io.chatprivacy.request.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.persistence.AccountRepository;
import io.chatprivacy.request.service.WidgetKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The account registry over HTTP, and its announcements on account-events. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class AccountResourceTest {

    private static final String BODY =
            "{\"name\":\"Acme\",\"ownerEmail\":\"Owner@Acme.example\",\"allowedOrigins\":[\"https://acme.example\"]}";

    @Inject
    AccountRepository accounts;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void adminRegistersAnAccountAndItIsAnnounced() throws Exception {
        String accountId = given().auth()
                .oauth2(TestTokens.token(null, "admin"))
                .contentType("application/json")
                .body(BODY)
                .post("/accounts")
                .then()
                .statusCode(201)
                .header("Location", notNullValue())
                .body("ownerEmail", equalTo("owner@acme.example"))
                .body("widgetKey", startsWith("wk_"))
                .extract()
                .path("accountId");
        String widgetKey = given().auth()
                .oauth2(TestTokens.token(UUID.fromString(accountId), "owner"))
                .get("/accounts/{id}", accountId)
                .then()
                .statusCode(200)
                .body("name", equalTo("Acme"))
                .body("widgetKey", nullValue())
                .extract()
                .path("accountId");
        assertThat(widgetKey).isEqualTo(accountId);

        ConsumerRecord<String, String> event = awaitEvent(accountId);
        assertThat(event.key()).isEqualTo(accountId);
        assertThat(header(event, "ce_type")).isEqualTo("account.registered.v1");
        assertThat(header(event, "ce_accountid")).isEqualTo(accountId);
        JsonNode data = mapper.readTree(event.value());
        assertThat(data.get("widgetKeySha256").asText()).hasSize(64);
        assertThat(event.value()).doesNotContain("wk_");
        assertSameShape(
                data,
                GoldenEvent.load("account-events", "account.registered.v1").data());
    }

    @Test
    void registrationAnswerHoldsTheOnlyCopyOfTheWidgetKey() {
        String widgetKey = given().auth()
                .oauth2(TestTokens.token(null, "admin"))
                .contentType("application/json")
                .body(BODY)
                .post("/accounts")
                .then()
                .statusCode(201)
                .extract()
                .path("widgetKey");
        assertThat(accounts.count("widgetKeyHash", WidgetKeys.sha256(widgetKey)))
                .isEqualTo(1);
    }

    @Test
    void onlyAdminsRegister() {
        given().auth()
                .oauth2(TestTokens.token(UUID.randomUUID(), "owner"))
                .contentType("application/json")
                .body(BODY)
                .post("/accounts")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body(BODY)
                .post("/accounts")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void anotherAccountsTokenIsForbidden() {
        String accountId = given().auth()
                .oauth2(TestTokens.token(null, "admin"))
                .contentType("application/json")
                .body(BODY)
                .post("/accounts")
                .then()
                .statusCode(201)
                .extract()
                .path("accountId");
        given().auth()
                .oauth2(TestTokens.token(UUID.randomUUID(), "owner"))
                .get("/accounts/{id}", accountId)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().get("/accounts/{id}", accountId).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void invalidRegistrationNamesTheFieldsAndStoresNothing() {
        long before = accounts.count();
        given().auth()
                .oauth2(TestTokens.token(null, "admin"))
                .contentType("application/json")
                .body("{\"name\":\"\",\"ownerEmail\":\"nope\",\"allowedOrigins\":[\"javascript:alert(1)\"]}")
                .post("/accounts")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("ownerEmail"));
        assertThat(accounts.count()).isEqualTo(before);
    }

    private ConsumerRecord<String, String> awaitEvent(String accountId) {
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("account-events");
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> task.getRecords().stream().anyMatch(r -> accountId.equals(r.key())));
            return task.getRecords().stream()
                    .filter(r -> accountId.equals(r.key()))
                    .findFirst()
                    .orElseThrow();
        } finally {
            task.stop();
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The published data has exactly the golden sample's fields, with values of the same JSON types. */
    static void assertSameShape(JsonNode actual, JsonNode golden) {
        assertThat(fieldNames(actual)).containsExactlyInAnyOrderElementsOf(fieldNames(golden));
        for (Iterator<String> names = golden.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            assertThat(actual.get(name).getNodeType())
                    .as("type of field %s", name)
                    .isEqualTo(golden.get(name).getNodeType());
        }
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
