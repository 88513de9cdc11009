package io.chatprivacy.deletion.rest;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.platform;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The platform's HTTP way in, and what agents and owners read back. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class IngestApiTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theSameChatTwiceIsOneChatWhoseTranscriptIsStoredEncrypted() {
        UUID account = UUID.randomUUID();
        Map<String, Object> chat = chat("c-1", List.of("Delete"));

        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(chat)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(201)
                .body("result", equalTo("CREATED"));
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(chat)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(200)
                .body("result", equalTo("UPDATED"));

        assertThat(count("select count(*) from chat where account_id = ?", account))
                .isEqualTo(1);
        assertThat(count("select count(*) from data_key d join chat c on c.id = d.id where c.account_id = ?", account))
                .isEqualTo(1);
        byte[] stored = bytes("select content from chat where account_id = ?", account);
        String raw = new String(stored, StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("Secret message").doesNotContain("c-1@visitors.example");
        assertThat(raw).doesNotContain("Visitor c-1").doesNotContain("visitor-c-1");

        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/chats/{c}", account, "c-1")
                .then()
                .statusCode(200)
                .body("visitorEmail", equalTo("c-1@visitors.example"))
                .body("visitorName", equalTo("Visitor c-1"))
                .body("messages.text", hasItem("Secret message one of c-1"))
                .body("tags", contains("Delete"));
    }

    @Test
    void agentsListAnAccountsChatsAndTicketsByTag() {
        UUID account = UUID.randomUUID();
        Fixtures.ingestChats(
                account,
                List.of(chat("a", List.of("Delete")), chat("b", List.of()), chat("c", List.of("Delete", "VIP"))));
        Fixtures.ingestTickets(
                account, List.of(ticket("t-1", "x@example.com", List.of()), ticket("t-2", null, List.of())));
        Fixtures.tag(account, "ADDED", "TICKET", "t-2", "Delete");
        Fixtures.tag(account, "REMOVED", "CHAT", "c", "Delete");
        Fixtures.tag(account, "ADDED", "CHAT", "b", "Delete");

        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", "Delete")
                .get("/accounts/{a}/chats", account)
                .then()
                .statusCode(200)
                .body("items.chatId", contains("a", "b"))
                .body("items[0].messageCount", equalTo(2))
                .body("next", nullValue());
        given().auth()
                .oauth2(owner(account))
                .get("/accounts/{a}/chats", account)
                .then()
                .statusCode(200)
                .body("items.chatId", contains("a", "b", "c"))
                .body("items[2].tags", contains("VIP"));
        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", "Delete")
                .get("/accounts/{a}/tickets", account)
                .then()
                .statusCode(200)
                .body("items.ticketId", contains("t-2"));
        given().auth()
                .oauth2(agent(account))
                .queryParam("limit", 2)
                .get("/accounts/{a}/chats", account)
                .then()
                .body("items", hasSize(2))
                .body("next", equalTo("b"));
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/{t}", account, "t-1")
                .then()
                .statusCode(200)
                .body("requesterEmail", equalTo("x@example.com"))
                .body("messages.text", contains("Ticket text of t-1"));
    }

    @Test
    void aTagDeletionIsPreviewedAsCountsApartByLegalHold() {
        UUID account = UUID.randomUUID();
        Fixtures.ingestChats(
                account,
                List.of(chat("a", List.of("Delete")), chat("b", List.of("Delete")), chat("c", List.of("VIP"))));
        Fixtures.ingestTickets(
                account, List.of(ticket("t-1", null, List.of("Delete")), ticket("t-2", null, List.of())));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/chats/b/legal-hold", account)
                .then()
                .statusCode(200);

        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tags/{t}/deletion-preview", account, "Delete")
                .then()
                .statusCode(200)
                .body("tag", equalTo("Delete"))
                .body("chats", equalTo(1))
                .body("chatsOnLegalHold", equalTo(1))
                .body("tickets", equalTo(1))
                .body("ticketsOnLegalHold", equalTo(0));
        given().auth()
                .oauth2(owner(account))
                .get("/accounts/{a}/tags/{t}/deletion-preview", account, "Nothing")
                .then()
                .statusCode(200)
                .body("chats", equalTo(0))
                .body("tickets", equalTo(0));
        // another account's agent learns nothing, not even a count
        given().auth()
                .oauth2(agent(UUID.randomUUID()))
                .get("/accounts/{a}/tags/{t}/deletion-preview", account, "Delete")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(agent(account))
                .urlEncodingEnabled(false)
                .get("/accounts/" + account + "/tags/a%00b/deletion-preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("tag"));
    }

    @Test
    void aTagMayArriveBeforeItsChat() {
        UUID account = UUID.randomUUID();
        Fixtures.tag(account, "ADDED", "CHAT", "early", "Delete");
        Fixtures.ingestChats(account, List.of(chat("early", List.of())));

        given().auth()
                .oauth2(agent(account))
                .queryParam("tag", "Delete")
                .get("/accounts/{a}/chats", account)
                .then()
                .body("items.chatId", contains("early"));
    }

    @Test
    void anOlderTicketVersionChangesNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> newer = ticket("t", "a@example.com", List.of());
        newer.put("subject", "newer");
        newer.put("updatedAt", "2026-11-21T00:00:00Z");
        Map<String, Object> older = new LinkedHashMap<>(newer);
        older.put("subject", "older");
        older.put("updatedAt", "2026-11-20T00:00:00Z");

        Fixtures.ingestTickets(account, List.of(newer));
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(older)
                .post("/accounts/{a}/tickets", account)
                .then()
                .statusCode(200)
                .body("result", equalTo("UNCHANGED"));

        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/t", account)
                .then()
                .body("subject", equalTo("newer"));
    }

    @Test
    void onlyThePlatformOfTheAccountStoresAndOnlyItsUsersRead() {
        UUID account = UUID.randomUUID();
        Map<String, Object> chat = chat("x", List.of());

        given().contentType(ContentType.JSON)
                .body(chat)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(401);
        given().auth()
                .oauth2(agent(account))
                .contentType(ContentType.JSON)
                .body(chat)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(platform(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(chat)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(403);
        Fixtures.ingestChats(account, List.of(chat));

        given().auth()
                .oauth2(platform(account))
                .get("/accounts/{a}/chats/x", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(agent(UUID.randomUUID()))
                .get("/accounts/{a}/chats/x", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(agent(account))
                .put("/accounts/{a}/chats/x/legal-hold", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/chats/x/legal-hold", account)
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(true));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/chats/unknown/legal-hold", account)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void onlyTheOwnerOfTheAccountPutsATicketUnderALegalHoldAndANewerVersionKeepsIt() {
        UUID account = UUID.randomUUID();
        Map<String, Object> ticket = ticket("h", "h@example.com", List.of());
        Fixtures.ingestTickets(account, List.of(ticket));

        given().auth()
                .oauth2(agent(account))
                .put("/accounts/{a}/tickets/h/legal-hold", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner(UUID.randomUUID()))
                .put("/accounts/{a}/tickets/h/legal-hold", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/h", account)
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(false));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/tickets/h/legal-hold", account)
                .then()
                .statusCode(200)
                .body("ticketId", equalTo("h"))
                .body("legalHold", equalTo(true));

        // a newer version from the platform replaces the content, not the hold
        Map<String, Object> newer = new LinkedHashMap<>(ticket);
        newer.put("subject", "newer");
        newer.put("updatedAt", "2026-11-21T00:00:00Z");
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(newer)
                .post("/accounts/{a}/tickets", account)
                .then()
                .statusCode(200)
                .body("result", equalTo("UPDATED"));
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/h", account)
                .then()
                .body("subject", equalTo("newer"))
                .body("legalHold", equalTo(true));
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets", account)
                .then()
                .body("items.legalHold", contains(true));

        given().auth()
                .oauth2(agent(account))
                .delete("/accounts/{a}/tickets/h/legal-hold", account)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner(account))
                .delete("/accounts/{a}/tickets/h/legal-hold", account)
                .then()
                .statusCode(200)
                .body("ticketId", equalTo("h"))
                .body("legalHold", equalTo(false));
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/h", account)
                .then()
                .body("legalHold", equalTo(false));

        for (String method : List.of("PUT", "DELETE")) {
            given().auth()
                    .oauth2(owner(account))
                    .request(method, "/accounts/{a}/tickets/unknown/legal-hold", account)
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("This account has no ticket unknown."));
        }
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndStoresNothing() {
        UUID account = UUID.randomUUID();
        Map<String, Object> noMessages = chat("bad-1", List.of());
        noMessages.remove("messages");
        Map<String, Object> badEmail = chat("bad-2", List.of());
        badEmail.put("visitorEmail", "not-an-address");
        Map<String, Object> otherAccount = chat("bad-3", List.of());
        otherAccount.put("accountId", UUID.randomUUID().toString());

        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(noMessages)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("messages"));
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(badEmail)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("visitorEmail"));
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(otherAccount)
                .post("/accounts/{a}/chats", account)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("accountId"));
        List<Map<String, Object>> batch = new ArrayList<>(List.of(chat("ok", List.of()), badEmail));
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(Map.of("chats", batch))
                .post("/accounts/{a}/chat-batches", account)
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(platform(account))
                .contentType(ContentType.JSON)
                .body(Map.of("change", "ADDED", "targetType", "FILE", "targetId", "x", "tag", "Delete"))
                .post("/accounts/{a}/tags", account)
                .then()
                .statusCode(400)
                .body("violations.field", containsInAnyOrder("targetType"));

        assertThat(count("select count(*) from chat where account_id = ?", account))
                .isZero();
        assertThat(count("select count(*) from item_tag where account_id = ?", account))
                .isZero();
    }

    private long count(String sql, UUID account) {
        return new Sql(dataSource).count(sql, account);
    }

    private byte[] bytes(String sql, UUID account) {
        return (byte[]) new Sql(dataSource)
                .rows(sql, account)
                .get(0)
                .values()
                .iterator()
                .next();
    }
}
