package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.deletion.service.ExportService;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.LogCapture;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ACCESS end to end inside deletion-service: request-service's {@code request.opened.v1} (from its golden
 * sample) snapshots exactly the consumer's items, {@code deletion.export-ready.v1} carries the counts and
 * the sealed token, and {@code POST /exports/{exportId}/open} serves the decrypted copy to the token's holder
 * who also presents a code mailed to the consumer's address (see {@link Copies}), until it expires. The code
 * rules themselves are {@link ExportCodeTest}'s.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class AccessExportTest {

    private static final String READY = "deletion.export-ready.v1";
    private static final String DANA = "dana@example.com";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @Inject
    CodeSealer sealer;

    @Inject
    TestClock clock;

    @Inject
    ExportService exports;

    @Inject
    ObjectMapper mapper;

    private Fixtures.DeletionEvents events;

    @BeforeEach
    void listen() {
        events = new Fixtures.DeletionEvents(kafka);
    }

    @AfterEach
    void stop() {
        events.close();
    }

    @Test
    void aVisitorIdTheVaultDoesNotLinkToTheAddressAddsNothing() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@a.example");
        Fixtures.ingestChats(
                a,
                List.of(
                        chat("u-1", "v-una", "una@example.com", List.of()),
                        chat("u-2", "v-una", null, List.of()), // una's anonymous chat: linked by u-1
                        chat("u-3", "v-victor", null, List.of()))); // someone else's anonymous chat
        Fixtures.ingestTickets(a, List.of(visitor(ticket("ut-1", null, List.of()), "v-victor")));

        // asking with another visitor's id (it is only a claim) brings none of that visitor's items
        UUID claimed = UUID.randomUUID();
        UUID linked = UUID.randomUUID();
        Requests.send(
                kafka,
                Requests.access(a, claimed, "una@example.com", "v-victor"),
                Requests.access(a, linked, "una@example.com", "v-una"));
        JsonNode claimedReady = Requests.awaitForRequest(events, a, READY, claimed);
        assertThat(claimedReady.get("chatCount").asInt()).isEqualTo(1);
        assertThat(claimedReady.get("ticketCount").asInt()).isZero();
        JsonNode linkedReady = Requests.awaitForRequest(events, a, READY, linked);
        assertThat(linkedReady.get("chatCount").asInt()).isEqualTo(2);
        assertThat(linkedReady.get("ticketCount").asInt()).isZero();
    }

    @Test
    void anExportHoldsExactlyTheConsumersItemsDecryptedForTheTokensHolderOnly() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@a.example");
        Fixtures.registerAccount(accounts, b, "owner@b.example");
        Fixtures.ingestChats(
                a,
                List.of(
                        at(chat("a-1", "v-dana", "Dana@Example.com", List.of()), 2),
                        at(chat("a-2", "v-dana-2", DANA, List.of("Delete")), 1),
                        at(chat("a-3", "v-dana", null, List.of()), 0), // dana's anonymous chat
                        at(chat("a-7", "v-dana", DANA, List.of()), 0), // goes under a legal hold
                        chat("a-4", "v-dana", "someone.else@example.com", List.of()), // her visitor id, another email
                        chat("a-5", "v-eve", "eve@example.com", List.of()),
                        chat("a-6", "v-eve", null, List.of())));
        Fixtures.ingestTickets(
                a,
                List.of(
                        ticket("t-1", DANA, List.of()), // goes under a legal hold
                        visitor(ticket("t-3", null, List.of()), "v-dana"),
                        visitor(ticket("t-2", "someone.else@example.com", List.of()), "v-dana"),
                        ticket("t-4", "eve@example.com", List.of())));
        // the same person at another business: never in a's export
        Fixtures.ingestChats(b, List.of(chat("b-1", "v-dana", DANA, List.of())));
        Fixtures.ingestTickets(b, List.of(ticket("bt-1", DANA, List.of())));
        given().auth()
                .oauth2(owner(a))
                .put("/accounts/{a}/chats/{c}/legal-hold", a, "a-7")
                .then()
                .statusCode(200);
        // a hold blocks deletion, not access: held items are in the copy like any other
        given().auth()
                .oauth2(owner(a))
                .put("/accounts/{a}/tickets/{t}/legal-hold", a, "t-1")
                .then()
                .statusCode(200);

        UUID request = UUID.randomUUID();
        GoldenEvent opened = Requests.access(a, request, " Dana@example.COM", "v-dana");
        JsonNode ready;
        String token;
        String code;
        List<String> logs;
        try (LogCapture capture = LogCapture.start()) {
            Requests.send(kafka, opened);
            ready = Requests.awaitForRequest(events, a, READY, request);
            UUID exportId = UUID.fromString(ready.get("exportId").asText());
            token = sealer.openExportToken(ready.get("sealedToken").asText(), exportId);
            code = Copies.code(events, sealer, exportId, token);
            JsonNode export = json(Copies.open(exportId, token, code)
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .header("Cache-Control", "no-store")
                    .extract()
                    .response());

            assertThat(ready.get("chatCount").asInt()).isEqualTo(4);
            assertThat(ready.get("ticketCount").asInt()).isEqualTo(2);
            assertThat(ready.get("subjectEmail").asText()).isEqualTo("Dana@example.COM");
            assertThat(ready.get("accountId").asText()).isEqualTo(a.toString());
            assertThat(ready.toString()).doesNotContain("Secret message").doesNotContain("Visitor a-");
            assertThat(Duration.between(instant(ready, "preparedAt"), instant(ready, "expiresAt")))
                    .isEqualTo(Duration.ofDays(7));

            // chats by start time then id, tickets by creation time then id; nothing of eve, of b, or of
            // the visitor id's chat that carries another address
            assertThat(ids(export.get("chats"), "chatId")).containsExactly("a-3", "a-7", "a-2", "a-1");
            assertThat(ids(export.get("tickets"), "ticketId")).containsExactly("t-1", "t-3");
            assertThat(export.get("exportId").asText()).isEqualTo(exportId.toString());
            assertThat(export.get("requestId").asText()).isEqualTo(request.toString());
            assertThat(export.get("accountId").asText()).isEqualTo(a.toString());
            JsonNode a1 = export.get("chats").get(3);
            assertThat(a1.get("visitorEmail").asText()).isEqualTo("Dana@Example.com");
            assertThat(a1.get("visitorName").asText()).isEqualTo("Visitor a-1");
            assertThat(a1.get("visitorId").asText()).isEqualTo("v-dana");
            assertThat(a1.get("messages").get(0).get("text").asText()).isEqualTo("Secret message one of a-1");
            assertThat(a1.get("messages").get(1).get("authorType").asText()).isEqualTo("AGENT");
            assertThat(export.get("chats").get(0).get("visitorEmail").isNull()).isTrue();
            assertThat(export.get("tickets")
                            .get(0)
                            .get("messages")
                            .get(0)
                            .get("text")
                            .asText())
                    .isEqualTo("Ticket text of t-1");
            // agents' ids are staff data, not the consumer's
            assertThat(export.toString()).doesNotContain("agent-1").doesNotContain("authorId");

            // no token, a wrong one, another export's id, or no UUID at all: one and the same 404, whether a
            // code is asked for or presented (the right code included: the token is the first key)
            String code2 = Copies.code(events, sealer, exportId, token);
            for (Response refused : List.of(
                    Copies.askForCode(exportId, null),
                    Copies.askForCode(exportId, token.substring(1) + "A"),
                    Copies.askForCode(exportId, "x".repeat(5000)),
                    Copies.askForCode(UUID.randomUUID(), token),
                    Copies.askForCode("not-a-uuid", token),
                    Copies.open(exportId, null, code2),
                    Copies.open(exportId, token.substring(1) + "A", code2),
                    Copies.open(exportId, "x".repeat(5000), code2),
                    Copies.open(UUID.randomUUID(), token, code2),
                    Copies.open("not-a-uuid", token, code2))) {
                refused.then().statusCode(404).contentType("application/problem+json");
                assertThat(refused.jsonPath().getString("detail"))
                        .isEqualTo("There is no export with this id and token.");
            }
            logs = capture.lines();
        }
        // logs carry ids and counts: no address, name, text or token
        assertThat(logs)
                .anyMatch(l ->
                        l.contains("Export") && l.contains(ready.get("exportId").asText()));
        assertThat(logs)
                .noneMatch(l -> l.toLowerCase().contains("dana@"))
                .noneMatch(l -> l.contains("Secret message"))
                .noneMatch(l -> l.contains("Visitor a-"))
                .noneMatch(l -> l.contains(token))
                .noneMatch(l -> l.contains(code));
        Sql sql = new Sql(dataSource);
        // the token is kept only as its HMAC, and travels only sealed
        byte[] hash = (byte[]) sql.rows("select token_hash from data_export where request_id = ?", request)
                .get(0)
                .get("token_hash");
        assertThat(hash).hasSize(32);
        assertThat(new String(hash, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(token);
        assertThat(sql.count("select count(*) from outbox_event where payload like ?", "%" + token + "%"))
                .isZero();

        // a redelivery (same event id) and a second publication (new id) of the same request export nothing
        // more; a later request of the same account shows both were consumed before it
        UUID later = UUID.randomUUID();
        GoldenEvent again = Requests.republished(opened);
        Requests.send(kafka, opened, again, Requests.access(a, later, "eve@example.com", null));
        JsonNode eve = Requests.awaitForRequest(events, a, READY, later);
        assertThat(eve.get("chatCount").asInt()).isEqualTo(1);
        assertThat(eve.get("ticketCount").asInt()).isEqualTo(1);
        assertThat(sql.count("select count(*) from data_export where request_id = ?", request))
                .isEqualTo(1);
        assertThat(Requests.forRequest(events, a, READY, request)).hasSize(1);
        // consumed as a no-op (its id remembered), not failed into the dead-letter topic
        assertThat(Requests.processed(sql, again)).isTrue();
    }

    @Test
    void anItemPurgedAfterTheSnapshotIsAbsentAndAnExpiredExportIsGone() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@gone.example");
        Fixtures.ingestChats(
                a,
                List.of(
                        chat("g-1", "v-gus", "gus@example.com", List.of()),
                        chat("g-2", "v-gus", "gus@example.com", List.of("Delete"))));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, "gus@example.com", null));
        JsonNode ready = Requests.awaitForRequest(events, a, READY, request);
        UUID exportId = UUID.fromString(ready.get("exportId").asText());
        String token = sealer.openExportToken(ready.get("sealedToken").asText(), exportId);
        assertThat(ready.get("chatCount").asInt()).isEqualTo(2);

        UUID deletion = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(a, deletion, "Delete"));
        IssuedCode code = Requests.code(events, sealer, a, 1);
        given().auth()
                .oauth2(owner(a))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code()))
                .post("/accounts/{a}/deletion-requests/{r}/verification", a, deletion)
                .then()
                .statusCode(200);
        assertThat(ids(json(read(exportId, token)).get("chats"), "chatId")).containsExactly("g-1");

        // readable until the last moment of its seven days, then 410 (to the token's holder only), whether a
        // code is asked for or one still live is presented
        clock.advance(Duration.ofDays(7).minusMinutes(1));
        read(exportId, token).then().statusCode(200);
        String live = Copies.code(events, sealer, exportId, token);
        assertThat(exports.sweepExpired()).isZero();
        clock.advance(Duration.ofMinutes(2));
        for (Response gone : List.of(read(exportId, token), Copies.open(exportId, token, live))) {
            gone.then()
                    .statusCode(410)
                    .contentType("application/problem+json")
                    .body("type", org.hamcrest.Matchers.equalTo("urn:chat-privacy:problem:export-expired"));
        }
        read(exportId, "wrong").then().statusCode(404);

        // the sweep makes it unreadable for good: snapshot, token hash, code and address gone, the record stays
        assertThat(exports.sweepExpired()).isGreaterThanOrEqualTo(1);
        read(exportId, token).then().statusCode(404);
        Copies.open(exportId, token, live).then().statusCode(404);
        Sql sql = new Sql(dataSource);
        assertThat(sql.count("select count(*) from data_export_item where export_id = ?", exportId))
                .isZero();
        assertThat(sql.count(
                        "select count(*) from data_export where id = ? and token_hash is null and code_hash is null"
                                + " and subject_address is null",
                        exportId))
                .isEqualTo(1);
        // and the request still cannot export twice
        GoldenEvent again = Requests.republished(Requests.access(a, request, "gus@example.com", null));
        Requests.send(kafka, again);
        UUID marker = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, marker, "nobody@example.com", null));
        JsonNode none = Requests.awaitForRequest(events, a, READY, marker);
        assertThat(none.get("chatCount").asInt()).isZero();
        assertThat(none.get("ticketCount").asInt()).isZero();
        assertThat(Requests.forRequest(events, a, READY, request)).hasSize(1);
        assertThat(Requests.processed(sql, again)).isTrue();
    }

    @Test
    void theResponseHasTheShapeOfTheHttpContract() throws IOException {
        UUID a = UUID.randomUUID();
        Fixtures.ingestChats(a, List.of(chat("s-1", "v-sue", "sue@example.com", List.of())));
        Fixtures.ingestTickets(a, List.of(ticket("st-1", "sue@example.com", List.of())));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, "sue@example.com", "v-sue"));
        JsonNode ready = Requests.awaitForRequest(events, a, READY, request);
        UUID exportId = UUID.fromString(ready.get("exportId").asText());

        JsonNode body = json(
                read(exportId, sealer.openExportToken(ready.get("sealedToken").asText(), exportId)));
        JsonNode contract = mapper.readTree(Files.readString(
                GoldenEvent.contractsDir().resolve("http").resolve("deletion-service.export.v1.json")));

        assertThat(shape(body)).isEqualTo(shape(contract));
        assertThat(shape(body)).contains("chats[].messages[].text", "tickets[].requesterEmail");
    }

    @Test
    void anAccessRequestWithoutTheAddressTheCopyGoesToIsDeadLettered() {
        UUID a = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, null, "v-someone"));

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.request-events.dlq");
        try {
            await().atMost(Fixtures.WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> a.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(new Sql(dataSource).count("select count(*) from data_export where request_id = ?", request))
                .isZero();
    }

    /** The copy for the token's holder who proves the address with a mailed code (see {@link Copies}). */
    private Response read(UUID exportId, String token) {
        return Copies.read(events, sealer, exportId, token);
    }

    private JsonNode json(Response response) {
        try {
            return mapper.readTree(response.asString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> at(Map<String, Object> chat, int hoursAfterStart) {
        chat.put(
                "startedAt",
                Fixtures.STARTED.plusSeconds(3600L * hoursAfterStart).toString());
        chat.put(
                "endedAt",
                Fixtures.STARTED.plusSeconds(3600L * hoursAfterStart + 600).toString());
        return chat;
    }

    private static Map<String, Object> visitor(Map<String, Object> ticket, String visitorId) {
        ticket.put("visitorId", visitorId);
        return ticket;
    }

    private static List<String> ids(JsonNode items, String field) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get(field).asText()));
        return ids;
    }

    private static java.time.Instant instant(JsonNode data, String field) {
        return java.time.Instant.parse(data.get(field).asText());
    }

    /** Every field path of a JSON document ({@code chats[].messages[].text}), values ignored. */
    private static Set<String> shape(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String prefix, Set<String> paths) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                paths.add(path);
                collect(field.getValue(), path, paths);
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                collect(element, prefix + "[]", paths);
            }
        }
    }
}
