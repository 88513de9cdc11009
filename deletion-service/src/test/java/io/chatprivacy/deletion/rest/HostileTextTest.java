package io.chatprivacy.deletion.rest;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.platform;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Requests;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The platform's HTTP way in keeps the same text rule as every other input: ids, names, addresses and tags name
 * something, message texts and ticket subjects are free text. A tag is as long here as in a deletion request.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class HostileTextTest {

    /** Written into JSON as the escape of an unpaired high surrogate (Jackson refuses to write one itself). */
    private static final String LONE_SURROGATE = "@@LONE@@";

    private static final List<String> NOT_NAMES = List.of(
            "Del\u0000ete",
            "Del\u001Bete",
            "Del\u0007ete",
            "Del\u007Fete",
            "Del\u009Bete",
            "Del\nete",
            "Del\u202Eete",
            "Del\u2067ete",
            "Del" + LONE_SURROGATE + "ete",
            "\u202E",
            "\u200B",
            "\uFEFF\u2060",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void aTagChangeWhoseTagOrTargetNamesNothingIsRefusedAndWritesNothing() {
        UUID account = UUID.randomUUID();
        for (String bad : NOT_NAMES) {
            problem(tag(account, "c-1", bad), "tag");
            problem(tag(account, bad, "Delete"), "targetId");
        }
        assertThat(count("select count(*) from item_tag where account_id = ?", account))
                .isZero();
    }

    @Test
    void aChatOrTicketWhoseIdsNamesOrTagsNameNothingIsRefusedAndWritesNothing() {
        UUID account = UUID.randomUUID();
        for (String bad : NOT_NAMES) {
            problem(store(account, "chats", with(chat("c-1", List.of("Delete")), "chatId", bad)), "chatId");
            problem(store(account, "chats", with(chat("c-1", List.of("Delete")), "visitorId", bad)), "visitorId");
            problem(store(account, "chats", with(chat("c-1", List.of("Delete")), "visitorName", bad)), "visitorName");
            problem(store(account, "chats", chat("c-1", List.of(bad))), "tags");
            problem(
                    store(account, "tickets", with(ticket("t-1", "t@example.com", List.of()), "ticketId", bad)),
                    "ticketId");
            problem(store(account, "tickets", ticket("t-1", "t@example.com", List.of(bad))), "tags");
            problem(
                    store(account, "tickets", with(ticket("t-1", "t@example.com", List.of()), "chatIds", List.of(bad))),
                    "chatIds");
        }
        problem(
                store(account, "chats", with(chat("c-1", List.of()), "visitorEmail", "v\u202E@example.com")),
                "visitorEmail");
        // the same chat in a batch: the whole batch is refused
        problem(
                given().auth()
                        .oauth2(platform(account))
                        .contentType(ContentType.JSON)
                        .body(json(Map.of(
                                "chats",
                                List.of(
                                        chat("ok-1", List.of()),
                                        with(chat("ok-2", List.of()), "chatId", "Del\u0000ete")))))
                        .post("/accounts/{a}/chat-batches", account)
                        .then(),
                "chats.chatId");
        assertThat(count("select count(*) from chat where account_id = ?", account))
                .isZero();
        assertThat(count("select count(*) from ticket where account_id = ?", account))
                .isZero();
        assertThat(count("select count(*) from item_tag where account_id = ?", account))
                .isZero();
    }

    @Test
    void messagesAndSubjectsKeepWhatWasTypedButNeverNul() {
        UUID account = UUID.randomUUID();
        Map<String, Object> typed = with(
                chat("c-typed", List.of()),
                "messages",
                List.of(Fixtures.message("VISITOR", "v-1", "Line one\n\tline two \u001B[31mred\u202E")));
        store(account, "chats", typed).statusCode(201);
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/chats/{c}", account, "c-typed")
                .then()
                .statusCode(200)
                .body("messages[0].text", equalTo("Line one\n\tline two \u001B[31mred\u202E"));

        for (String bad : List.of("a\u0000b", "a" + LONE_SURROGATE)) {
            problem(
                    store(
                            account,
                            "chats",
                            with(
                                    chat("c-bad", List.of()),
                                    "messages",
                                    List.of(Fixtures.message("VISITOR", "v-1", bad)))),
                    "messages.text");
            problem(
                    store(account, "tickets", with(ticket("t-bad", "t@example.com", List.of()), "subject", bad)),
                    "subject");
        }
        assertThat(count("select count(*) from chat where account_id = ?", account))
                .isEqualTo(1);
        assertThat(count("select count(*) from ticket where account_id = ?", account))
                .isZero();
    }

    @Test
    void lookupsByTagOrIdRefuseWhatNoItemCanCarry() {
        UUID account = UUID.randomUUID();
        for (String items : List.of("chats", "tickets")) {
            given().auth()
                    .oauth2(agent(account))
                    .queryParam("tag", "Del\u0000ete")
                    .get("/accounts/{a}/" + items, account)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().auth()
                    .oauth2(agent(account))
                    .queryParam("after", "c\u0000")
                    .get("/accounts/{a}/" + items, account)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().auth()
                    .oauth2(agent(account))
                    .queryParam("after", "")
                    .get("/accounts/{a}/" + items, account)
                    .then()
                    .statusCode(200);
            given().urlEncodingEnabled(false)
                    .auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/" + items + "/c%00-1", account)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            given().urlEncodingEnabled(false)
                    .auth()
                    .oauth2(owner(account))
                    .put("/accounts/{a}/" + items + "/c%1B-1/legal-hold", account)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void aTagOfOneHundredCharactersCanBeAttachedAndDeletedByAndOneMoreCannot() {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@shop.example");
        String hundred = "T".repeat(MaxLength.TAG - 1) + "\u00E9";
        String longer = "T".repeat(MaxLength.TAG + 1);
        store(account, "chats", chat("c-long", List.of())).statusCode(201);
        tag(account, "c-long", hundred).statusCode(200);
        problem(tag(account, "c-long", longer), "tag");
        problem(store(account, "chats", chat("c-longer", List.of(longer))), "tags");
        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", hundred)
                .get("/accounts/{a}/chats", account)
                .then()
                .statusCode(200)
                .body("items.chatId", contains("c-long"));
        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", longer)
                .get("/accounts/{a}/chats", account)
                .then()
                .statusCode(400);

        // a deletion request names that tag (request-service takes 100 characters too) and finds the chat
        try (Fixtures.DeletionEvents events = new Fixtures.DeletionEvents(kafka)) {
            UUID requestId = UUID.randomUUID();
            Requests.send(kafka, Requests.openedForTag(account, requestId, hundred));
            var issued = Requests.awaitForRequest(events, account, "deletion.verification-issued.v1", requestId);
            assertThat(issued.get("tag").asText()).isEqualTo(hundred);
            assertThat(issued.get("chatCount").asLong()).isEqualTo(1);
        }
    }

    @Test
    void theRuleAndTheLengthsAreStatedInTheOpenApiDocument() {
        String schemas = "components.schemas.";
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(schemas + "ChangeTagRequest.properties.tag.maxLength", equalTo(MaxLength.TAG))
                .body(schemas + "ChangeTagRequest.properties.tag.pattern", equalTo(TextRules.NAME))
                .body(schemas + "ArchivedChat.properties.chatId.pattern", equalTo(TextRules.NAME))
                .body(schemas + "ArchivedChat.properties.tags.items.maxLength", equalTo(MaxLength.TAG))
                .body(schemas + "ArchivedChat.properties.tags.items.pattern", equalTo(TextRules.NAME))
                .body(schemas + "TranscriptMessage.properties.text.pattern", equalTo(TextRules.FREE_TEXT));
    }

    private ValidatableResponse tag(UUID account, String targetId, String tag) {
        return given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(json(Map.of("change", "ADDED", "targetType", "CHAT", "targetId", targetId, "tag", tag)))
                .post("/accounts/{a}/tags", account)
                .then();
    }

    private ValidatableResponse store(UUID account, String items, Map<String, Object> item) {
        return given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(json(item))
                .post("/accounts/{a}/" + items, account)
                .then();
    }

    private static Map<String, Object> with(Map<String, Object> item, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(item);
        changed.put(field, value);
        return changed;
    }

    private static void problem(ValidatableResponse response, String field) {
        response.statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(startsWith(field)))
                .body("violations.field", everyItem(startsWith(field)));
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body).replace(LONE_SURROGATE, "\\ud800");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object... params) {
        return new Sql(dataSource).count(sql, params);
    }
}
