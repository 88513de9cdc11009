package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.LogCapture;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORRECT end to end inside deletion-service: request-service's {@code request.opened.v1} (from its golden
 * sample) changes the name or the email address on exactly the consumer's items, in the vault, once;
 * {@code deletion.correction-applied.v1} or {@code deletion.correction-rejected.v1} says so.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class CorrectionTest {

    private static final String APPLIED = "deletion.correction-applied.v1";
    private static final String REJECTED = "deletion.correction-rejected.v1";
    private static final String READY = "deletion.export-ready.v1";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @Inject
    CodeSealer sealer;

    @Inject
    VaultKeys keys;

    private Fixtures.DeletionEvents events;
    private Sql sql;

    @BeforeEach
    void listen() {
        events = new Fixtures.DeletionEvents(kafka);
        sql = new Sql(dataSource);
    }

    @AfterEach
    void stop() {
        events.close();
    }

    @Test
    void aNameCorrectionChangesTheNameOnTheConsumersItemsAndNothingElseOnce() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        String dana = "dana@example.com";
        Map<String, Object> alreadyRight = chat("n-5", "v-dana-2", dana, List.of());
        alreadyRight.put("visitorName", "Dana Fixed");
        Fixtures.ingestChats(
                a,
                List.of(
                        chat("n-1", "v-dana", "Dana@Example.com", List.of()),
                        chat("n-2", "v-dana", null, List.of()), // her anonymous chat
                        chat("n-3", "v-dana", "someone.else@example.com", List.of()), // not hers by email
                        chat("n-4", "v-eve", "eve@example.com", List.of()),
                        alreadyRight));
        Fixtures.ingestTickets(
                a, List.of(ticket("nt-1", dana, List.of()), ticket("nt-2", "eve@example.com", List.of())));
        Fixtures.ingestChats(b, List.of(chat("nb-1", "v-dana", dana, List.of())));
        Map<String, byte[]> contentBefore = contents(a, b);
        Map<String, String> keysBefore = dataKeys(a, b);
        JsonPath n1Before = readChat(a, "n-1");

        UUID request = UUID.randomUUID();
        GoldenEvent opened = Requests.correct(a, request, "NAME", "Dana Fixed", dana, "v-dana");
        List<String> logs;
        try (LogCapture capture = LogCapture.start()) {
            Requests.send(kafka, opened);
            JsonNode applied = Requests.awaitForRequest(events, a, APPLIED, request);
            logs = capture.lines();

            assertThat(applied.get("field").asText()).isEqualTo("NAME");
            assertThat(applied.get("chatsMatched").asInt()).isEqualTo(3);
            assertThat(applied.get("chatsCorrected").asInt()).isEqualTo(2);
            assertThat(applied.get("ticketsMatched").asInt()).isEqualTo(1);
            assertThat(applied.get("ticketsCorrected").asInt()).isEqualTo(1);
            assertThat(applied.toString()).doesNotContain("Dana").doesNotContain("@");
        }
        assertThat(logs).noneMatch(l -> l.contains("Dana Fixed")).noneMatch(l -> l.contains("dana@"));

        JsonPath n1 = readChat(a, "n-1");
        assertThat(n1.getString("visitorName")).isEqualTo("Dana Fixed");
        assertThat(readChat(a, "n-2").getString("visitorName")).isEqualTo("Dana Fixed");
        assertThat(readTicket(a, "nt-1").getString("requesterName")).isEqualTo("Dana Fixed");
        // everything else of the corrected chat is as it was
        assertThat(n1.getString("visitorEmail")).isEqualTo(n1Before.getString("visitorEmail"));
        assertThat(n1.getString("visitorId")).isEqualTo(n1Before.getString("visitorId"));
        assertThat(n1.getList("messages")).isEqualTo(n1Before.getList("messages"));
        assertThat(n1.getList("agentIds")).isEqualTo(n1Before.getList("agentIds"));
        assertThat(n1.getString("startedAt")).isEqualTo(n1Before.getString("startedAt"));
        // the others are untouched byte for byte, and no key moved
        Map<String, byte[]> contentAfter = contents(a, b);
        for (String untouched : List.of("n-3", "n-4", "n-5", "nt-2", "nb-1")) {
            assertThat(contentAfter.get(untouched)).as(untouched).isEqualTo(contentBefore.get(untouched));
        }
        for (String corrected : List.of("n-1", "n-2", "nt-1")) {
            assertThat(contentAfter.get(corrected)).as(corrected).isNotEqualTo(contentBefore.get(corrected));
        }
        assertThat(dataKeys(a, b)).isEqualTo(keysBefore);
        assertThat(readChat(b, "nb-1").getString("visitorName")).isEqualTo("Visitor nb-1");

        // delivered again, and published again under a new id: applied once
        UUID later = UUID.randomUUID();
        GoldenEvent again = Requests.republished(opened);
        Requests.send(kafka, opened, again, Requests.correct(a, later, "NAME", "Eve Fixed", "eve@example.com", null));
        Requests.awaitForRequest(events, a, APPLIED, later);
        assertThat(Requests.forRequest(events, a, APPLIED, request)).hasSize(1);
        assertThat(sql.count("select count(*) from correction where request_id = ?", request))
                .isEqualTo(1);
        assertThat(Requests.processed(sql, again)).isTrue();
        assertThat(readChat(a, "n-4").getString("visitorName")).isEqualTo("Eve Fixed");
    }

    @Test
    void anEmailCorrectionMovesTheItemsToTheCorrectedAddressAndItsKey() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@sam.example");
        String old = "sam@old.example";
        String corrected = "Sam@New.example";
        Fixtures.ingestChats(
                a,
                List.of(
                        chat("e-1", "v-sam", old, List.of()),
                        chat("e-2", "v-sam", null, List.of()), // anonymous: no address to correct
                        chat("e-3", "v-sam", "third@example.com", List.of()), // neither the old address nor none
                        chat("e-4", "v-other", old, List.of()))); // another visitor with the old address
        Map<String, Object> samTicket = ticket("et-1", old, List.of());
        samTicket.put("visitorId", "v-sam");
        Fixtures.ingestTickets(a, List.of(samTicket));
        Map<String, byte[]> before = contents(a, a);
        JsonPath e1Before = readChat(a, "e-1");

        UUID request = UUID.randomUUID();
        GoldenEvent opened = Requests.correct(a, request, "EMAIL", corrected, old, "v-sam");
        Requests.send(kafka, opened);
        JsonNode applied = Requests.awaitForRequest(events, a, APPLIED, request);

        assertThat(applied.get("field").asText()).isEqualTo("EMAIL");
        assertThat(applied.get("chatsMatched").asInt()).isEqualTo(1);
        assertThat(applied.get("chatsCorrected").asInt()).isEqualTo(1);
        assertThat(applied.get("ticketsMatched").asInt()).isEqualTo(1);
        assertThat(applied.get("ticketsCorrected").asInt()).isEqualTo(1);
        JsonPath e1 = readChat(a, "e-1");
        assertThat(e1.getString("visitorEmail")).isEqualTo(corrected);
        assertThat(e1.getString("visitorName")).isEqualTo(e1Before.getString("visitorName"));
        assertThat(e1.getList("messages")).isEqualTo(e1Before.getList("messages"));
        assertThat(readTicket(a, "et-1").getString("requesterEmail")).isEqualTo(corrected);
        Map<String, byte[]> after = contents(a, a);
        assertThat(after.get("e-2")).isEqualTo(before.get("e-2"));
        assertThat(after.get("e-3")).isEqualTo(before.get("e-3"));
        assertThat(after.get("e-4")).isEqualTo(before.get("e-4"));

        // the items now belong to the corrected address: its blind index, and its subject key wraps their
        // (unchanged) data keys; the visitor's own key still protects the anonymous e-2, the old address's
        // key still protects e-4
        byte[] newIndex = keys.emailIndex(corrected);
        for (String item : List.of("e-1")) {
            assertThat(sql.count(
                            "select count(*) from chat c join data_key d on d.id = c.id join subject_key s"
                                    + " on s.id = d.subject_key_id where c.account_id = ? and c.external_id = ?"
                                    + " and c.email_index = ? and s.subject_ref = ?",
                            a,
                            item,
                            newIndex,
                            newIndex))
                    .as(item)
                    .isEqualTo(1);
        }
        assertThat(sql.count(
                        "select count(*) from ticket t join data_key d on d.id = t.id join subject_key s"
                                + " on s.id = d.subject_key_id where t.account_id = ? and s.subject_ref = ?",
                        a,
                        newIndex))
                .isEqualTo(1);
        assertThat(subjectKeys(a, keys.visitorIndex("v-sam"))).isEqualTo(1);
        assertThat(subjectKeys(a, keys.emailIndex(old))).isEqualTo(1);

        // a later ACCESS by the new address finds them, by the old one only the other visitor's chat
        UUID byNew = UUID.randomUUID();
        UUID byOld = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, byNew, "sam@new.example", null), Requests.access(a, byOld, old, null));
        JsonNode exportNew = Requests.awaitForRequest(events, a, READY, byNew);
        JsonNode exportOld = Requests.awaitForRequest(events, a, READY, byOld);
        assertThat(exportNew.get("chatCount").asInt()).isEqualTo(1);
        assertThat(exportNew.get("ticketCount").asInt()).isEqualTo(1);
        assertThat(exportOld.get("chatCount").asInt()).isEqualTo(1);
        assertThat(exportOld.get("ticketCount").asInt()).isZero();

        // and a DELETE by the new address takes them, with the corrected address's key
        UUID deletion = UUID.randomUUID();
        Requests.send(kafka, Requests.deleteSubject(a, deletion, "sam@new.example"));
        IssuedCode code = Requests.code(events, sealer, a, 1);
        assertThat(code.data().get("chatCount").asInt()).isEqualTo(1);
        assertThat(code.data().get("ticketCount").asInt()).isEqualTo(1);
        given().auth()
                .oauth2(owner(a))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code()))
                .post("/accounts/{a}/deletion-requests/{r}/verification", a, deletion)
                .then()
                .statusCode(200);
        assertThat(contents(a, a).keySet()).containsExactlyInAnyOrder("e-2", "e-3", "e-4");
        assertThat(subjectKeys(a, newIndex)).isZero();

        // delivered again: nothing is corrected twice (there is nothing left to correct, and no second event)
        UUID marker = UUID.randomUUID();
        GoldenEvent again = Requests.republished(opened);
        Requests.send(kafka, again, Requests.access(a, marker, "x@example.com", null));
        Requests.awaitForRequest(events, a, READY, marker);
        assertThat(Requests.forRequest(events, a, APPLIED, request)).hasSize(1);
        assertThat(Requests.forRequest(events, a, REJECTED, request)).isEmpty();
        assertThat(Requests.processed(sql, again)).isTrue();
    }

    @Test
    void aCorrectionThatMatchesNothingIsRejectedOnce() {
        UUID a = UUID.randomUUID();
        Fixtures.ingestChats(a, List.of(chat("r-1", "v-ray", "ray@example.com", List.of())));
        Map<String, byte[]> before = contents(a, a);

        UUID byName = UUID.randomUUID();
        UUID byEmail = UUID.randomUUID();
        UUID otherAddress = UUID.randomUUID();
        GoldenEvent name = Requests.correct(a, byName, "NAME", "Nobody", "nobody@example.com", "v-nobody");
        GoldenEvent again = Requests.republished(name);
        Requests.send(
                kafka,
                name,
                again,
                Requests.correct(a, byEmail, "EMAIL", "new@example.com", "old@example.com", "v-unknown"),
                // ray's visitor id, but with an address none of ray's items carries
                Requests.correct(a, otherAddress, "EMAIL", "new@example.com", "wrong@example.com", "v-ray"));

        JsonNode rejectedName = Requests.awaitForRequest(events, a, REJECTED, byName);
        JsonNode rejectedEmail = Requests.awaitForRequest(events, a, REJECTED, byEmail);
        Requests.awaitForRequest(events, a, REJECTED, otherAddress);
        assertThat(rejectedName.get("reason").asText()).isEqualTo("NO_MATCHING_DATA");
        assertThat(rejectedName.get("field").asText()).isEqualTo("NAME");
        assertThat(rejectedName.get("detail").asText())
                .isEqualTo("No chat or ticket of this account matches the consumer's email address and visitor id.");
        assertThat(rejectedEmail.get("field").asText()).isEqualTo("EMAIL");
        assertThat(rejectedEmail.toString()).doesNotContain("new@example.com").doesNotContain("v-unknown");
        assertThat(Requests.forRequest(events, a, REJECTED, byName)).hasSize(1);
        assertThat(Requests.processed(sql, again)).isTrue();
        assertThat(events.of(a, APPLIED)).isEmpty();
        assertThat(sql.count("select count(*) from correction where request_id = ? and outcome = 'REJECTED'", byName))
                .isEqualTo(1);
        assertThat(contents(a, a)).containsOnlyKeys("r-1");
        assertThat(contents(a, a).get("r-1")).isEqualTo(before.get("r-1"));
    }

    @Test
    void anEmailCorrectionWithoutAVisitorIdOrTheAddressItReplacesIsDeadLettered() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID request = UUID.randomUUID();
        UUID noOldAddress = UUID.randomUUID();
        Requests.send(
                kafka,
                Requests.correct(a, request, "EMAIL", "new@example.com", "old@example.com", null),
                Requests.correct(b, noOldAddress, "EMAIL", "new@example.com", null, "v-someone"));

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.request-events.dlq");
        try {
            await().atMost(Fixtures.WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .anyMatch(r -> a.toString().equals(r.key()))
                            && dead.getRecords().stream()
                                    .anyMatch(r -> b.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(sql.count("select count(*) from correction where request_id = ?", request))
                .isZero();
        assertThat(sql.count("select count(*) from correction where request_id = ?", noOldAddress))
                .isZero();
    }

    /** Sealed content by platform id, of both accounts' chats and tickets. */
    private Map<String, byte[]> contents(UUID a, UUID b) {
        Map<String, byte[]> contents = new HashMap<>();
        sql.rows(
                        "select external_id, content from chat where account_id in (?, ?) union all"
                                + " select external_id, content from ticket where account_id in (?, ?)",
                        a,
                        b,
                        a,
                        b)
                .forEach(row -> contents.put((String) row.get("external_id"), (byte[]) row.get("content")));
        return contents;
    }

    /** Each item's data key row (subject key and wrapped key, hex) by platform id. */
    private Map<String, String> dataKeys(UUID a, UUID b) {
        Map<String, String> dataKeys = new HashMap<>();
        sql.rows(
                        "select i.external_id, d.subject_key_id::text || encode(d.wrapped_key, 'hex') as k from"
                                + " (select id, external_id from chat where account_id in (?, ?) union all"
                                + " select id, external_id from ticket where account_id in (?, ?)) i"
                                + " join data_key d on d.id = i.id",
                        a,
                        b,
                        a,
                        b)
                .forEach(row -> dataKeys.put((String) row.get("external_id"), (String) row.get("k")));
        return dataKeys;
    }

    private long subjectKeys(UUID account, byte[] ref) {
        return sql.count("select count(*) from subject_key where account_id = ? and subject_ref = ?", account, ref);
    }

    private static JsonPath readChat(UUID account, String chatId) {
        return given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/chats/{c}", account, chatId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath readTicket(UUID account, String ticketId) {
        return given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/{t}", account, ticketId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
