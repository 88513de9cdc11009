package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.persistence.AccountRepository;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The issue's acceptance scenario on deletion-service's side: two accounts' chats and tickets, a DELETE
 * request for the tag, five wrong codes, a new code, the purge of exactly the tagged items, and what
 * survives byte for byte.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class DeletionFlowTest {

    private static final String DELETE = "Delete";

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

    @Test
    void aVerifiedPurgeDeletesExactlyTheTaggedItemsOfOneAccount() throws Exception {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner-a@shop.example");
        Fixtures.registerAccount(accounts, b, "owner-b@shop.example");
        Sql sql = new Sql(dataSource);

        // 1,000 chats and 200 tickets over two accounts; A tags 300 chats and 50 tickets, B tags some too
        List<Map<String, Object>> chatsA = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            chatsA.add(chat("a-chat-" + i, i < 250 ? List.of(DELETE) : List.of("Keep")));
        }
        List<Map<String, Object>> chatsB = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            chatsB.add(chat("b-chat-" + i, i < 100 ? List.of(DELETE) : List.of()));
        }
        List<Map<String, Object>> ticketsA = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            ticketsA.add(ticket("a-ticket-" + i, "a-ticket-" + i + "@requesters.example", List.of()));
        }
        List<Map<String, Object>> ticketsB = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            ticketsB.add(ticket("b-ticket-" + i, "b-ticket-" + i + "@requesters.example", List.of(DELETE)));
        }
        Fixtures.ingestChats(a, chatsA);
        Fixtures.ingestChats(b, chatsB);
        Fixtures.ingestTickets(a, ticketsA);
        Fixtures.ingestTickets(b, ticketsB);
        for (int i = 250; i < 300; i++) {
            Fixtures.tag(a, "ADDED", "CHAT", "a-chat-" + i, DELETE);
        }
        for (int i = 0; i < 50; i++) {
            Fixtures.tag(a, "ADDED", "TICKET", "a-ticket-" + i, DELETE);
        }
        given().auth()
                .oauth2(agent(a))
                .queryParam("tag", DELETE)
                .queryParam("limit", 1000)
                .get("/accounts/{a}/chats", a)
                .then()
                .body("items", hasSize(300));

        List<Map<String, Object>> untouchedBefore = survivors(sql, a, b);

        try (Fixtures.DeletionEvents events = new Fixtures.DeletionEvents(kafka);
                LogCapture logs = LogCapture.start()) {
            UUID requestId = UUID.randomUUID();
            GoldenEvent opened = Requests.openedForTag(a, requestId, DELETE);
            Requests.send(kafka, opened);

            IssuedCode first = Requests.code(events, sealer, a, 1);
            assertThat(first.code()).matches("[0-9]{8,}");
            assertThat(first.data().get("chatCount").asInt()).isEqualTo(300);
            assertThat(first.data().get("ticketCount").asInt()).isEqualTo(50);
            assertThat(first.data().get("tag").asText()).isEqualTo(DELETE);

            // five wrong codes lock the job; then even the right code is refused
            String wrong = first.code().equals("00000000") ? "11111111" : "00000000";
            for (int i = 1; i <= 5; i++) {
                present(a, requestId, wrong).then().statusCode(422).body("violations[0].field", equalTo("code"));
            }
            present(a, requestId, first.code()).then().statusCode(409);
            List<ConsumerRecord<String, String>> locked = events.await(a, "deletion.job-locked.v1", 1);
            assertThat(Requests.data(locked.get(0)).get("failedAttempts").asInt())
                    .isEqualTo(5);
            assertThat(sql.count("select count(*) from chat where account_id = ?", a))
                    .isEqualTo(600);

            // a new code (a new job) after the resend interval; the old code is dead for good
            clock.advance(Duration.ofSeconds(61));
            given().auth()
                    .oauth2(owner(a))
                    .post("/accounts/{a}/deletion-requests/{r}/verification-code", a, requestId)
                    .then()
                    .statusCode(202)
                    .body("status", equalTo("AWAITING_VERIFICATION"));
            IssuedCode second = Requests.code(events, sealer, a, 2);
            assertThat(second.jobId()).isNotEqualTo(first.jobId());

            Response purged = present(a, requestId, second.code());
            purged.then()
                    .statusCode(200)
                    .body("chatsDeleted", equalTo(300))
                    .body("ticketsDeleted", equalTo(50))
                    .body("chatsSkippedLegalHold", equalTo(0))
                    .body("ticketsSkippedLegalHold", equalTo(0))
                    .body("jobId", equalTo(second.jobId().toString()));

            // exactly the 350 tagged items of A are gone, with their keys and tags
            assertThat(sql.count("select count(*) from chat where account_id = ?", a))
                    .isEqualTo(300);
            assertThat(sql.count("select count(*) from ticket where account_id = ?", a))
                    .isEqualTo(70);
            assertThat(sql.count("select count(*) from item_tag where account_id = ? and tag = ?", a, DELETE))
                    .isZero();
            assertThat(sql.count(
                            "select count(*) from data_key d where not exists (select 1 from chat c where c.id = d.id)"
                                    + " and not exists (select 1 from ticket t where t.id = d.id)"))
                    .isZero();
            assertThat(sql.count(
                            "select count(*) from subject_key s where s.account_id = ? and not exists"
                                    + " (select 1 from data_key d where d.subject_key_id = s.id)",
                            a))
                    .isZero();
            // account B and A's untagged items: untouched, byte for byte
            assertThat(survivors(sql, a, b)).isEqualTo(untouchedBefore);

            // the confirmation event, once; a redelivered or repeated request changes nothing
            events.await(a, "deletion.purge-completed.v1", 1);
            GoldenEvent repeated = Requests.openedForTag(a, requestId, DELETE);
            Requests.send(kafka, opened, repeated);
            await().atMost(Fixtures.WAIT)
                    .until(() -> sql.count(
                                    "select count(*) from processed_event where event_id = ?", repeated.attribute("id"))
                            == 1);
            present(a, requestId, second.code()).then().statusCode(409);
            assertThat(events.of(a, "deletion.verification-issued.v1")).hasSize(2);
            assertThat(events.of(a, "deletion.purge-completed.v1")).hasSize(1);
            JsonNode completed =
                    Requests.data(events.of(a, "deletion.purge-completed.v1").get(0));
            assertThat(completed.get("chatsDeleted").asInt()).isEqualTo(300);
            assertThat(completed.get("ticketsDeleted").asInt()).isEqualTo(50);

            // the receipt: counts, who (a pseudonym), hashes of the deleted ids, no personal data
            String receipt = given().auth()
                    .oauth2(agent(a))
                    .get("/accounts/{a}/deletion-requests/{r}/receipt", a, requestId)
                    .then()
                    .statusCode(200)
                    .body("deletedChatIdHashes", hasSize(300))
                    .body("deletedTicketIdHashes", hasSize(50))
                    .extract()
                    .asString();
            assertThat(receipt)
                    .contains(sha256("CHAT:a-chat-0"))
                    .contains(sha256("TICKET:a-ticket-49"))
                    .doesNotContain(sha256("CHAT:a-chat-300"))
                    .doesNotContain("@")
                    .doesNotContain("Visitor ")
                    .doesNotContain("Requester ")
                    .doesNotContain("Secret message")
                    .doesNotContain("Ticket text")
                    .containsPattern("\"authorisedBy\":\"user:[0-9a-f]{32}\"");

            // the codes never reached a log line or an event in clear
            for (String line : logs.lines()) {
                assertThat(line).doesNotContain(first.code()).doesNotContain(second.code());
            }
            for (ConsumerRecord<String, String> record : events.of(a, "deletion.verification-issued.v1")) {
                assertThat(record.value())
                        .doesNotContain(first.code())
                        .doesNotContain(second.code())
                        .doesNotContain("@");
            }
            assertThat(sql.count(
                            "select count(*) from outbox_event where payload like ? or payload like ?",
                            "%" + first.code() + "%",
                            "%" + second.code() + "%"))
                    .isZero();
        }
        // the purged items are never stored again
        given().auth()
                .oauth2(Fixtures.platform(a))
                .contentType(ContentType.JSON)
                .body(chat("a-chat-7", List.of()))
                .post("/accounts/{a}/chats", a)
                .then()
                .statusCode(410);
    }

    private static Response present(UUID account, UUID requestId, String code) {
        return given().auth()
                .oauth2(owner(account))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/accounts/{a}/deletion-requests/{r}/verification", account, requestId);
    }

    /** Every row a purge of A's tag must not touch: all of B, and A's untagged items with their keys and tags. */
    private static List<Map<String, Object>> survivors(Sql sql, UUID a, UUID b) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String untagged = " and not exists (select 1 from item_tag t where t.account_id = i.account_id"
                + " and t.external_id = i.external_id and t.tag = 'Delete' and t.item_type = ?)";
        rows.addAll(sql.rows(
                "select i.*, d.wrapped_key as dk from chat i join data_key d on d.id = i.id where i.account_id = ?"
                        + " or (i.account_id = ?" + untagged + ") order by i.id",
                b,
                a,
                "CHAT"));
        rows.addAll(sql.rows(
                "select i.*, d.wrapped_key as dk from ticket i join data_key d on d.id = i.id where i.account_id = ?"
                        + " or (i.account_id = ?" + untagged + ") order by i.id",
                b,
                a,
                "TICKET"));
        rows.addAll(sql.rows("select * from subject_key where account_id = ? order by id", b));
        rows.addAll(sql.rows(
                "select * from item_tag k where k.account_id = ? or (k.account_id = ? and not exists (select 1"
                        + " from item_tag t where t.account_id = k.account_id and t.item_type = k.item_type"
                        + " and t.external_id = k.external_id and t.tag = 'Delete'))"
                        + " order by account_id, item_type, external_id, tag",
                b,
                a));
        for (Map<String, Object> row : rows) {
            row.replaceAll((k, v) -> v instanceof byte[] bytes ? HexFormat.of().formatHex(bytes) : v);
        }
        return rows;
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
