package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.deletion.service.DeletionJobService;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
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
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The code's rules end to end: expiry, resend limits, declines, who may present it; legal holds on chats
 * and tickets; subjects.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class VerificationRulesTest {

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
    DeletionJobService jobs;

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
    void aCodeUnusedForThirtyMinutesExpires() {
        UUID account = accountWithTaggedChats(3);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode code = Requests.code(events, sealer, account, 1);

        clock.advance(Duration.ofMinutes(29));
        assertThat(jobs.expireOverdue()).isZero();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(jobs.expireOverdue()).isGreaterThanOrEqualTo(1);

        events.await(account, "deletion.job-expired.v1", 1);
        present(account, request, code.code())
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:chat-privacy:problem:code-expired"));
        status(account, request).then().body("status", equalTo("EXPIRED"));
        assertThat(chats(account)).isEqualTo(3);
        assertThat(jobs.expireOverdue()).isZero();
        assertThat(events.of(account, "deletion.job-expired.v1")).hasSize(1);
    }

    @Test
    void aNewCodeAtMostOnceAMinuteAndTheOldOneDies() {
        UUID account = accountWithTaggedChats(2);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode first = Requests.code(events, sealer, account, 1);

        newCode(account, request).then().statusCode(429).contentType("application/problem+json");
        clock.advance(Duration.ofSeconds(61));
        newCode(account, request).then().statusCode(202);
        IssuedCode second = Requests.code(events, sealer, account, 2);

        present(account, request, first.code()).then().statusCode(422);
        present(account, request, second.code()).then().statusCode(200).body("chatsDeleted", equalTo(2));
        newCode(account, request).then().statusCode(409);
    }

    @Test
    void twoNewCodesAskedAtOnceIssueOneCodeAndTheOtherIsTooSoon() throws Exception {
        UUID account = accountWithTaggedChats(1);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        Requests.code(events, sealer, account, 1);
        clock.advance(Duration.ofSeconds(61));

        List<Integer> statuses = new ArrayList<>();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        // the job held as a slow first caller would hold it: both asks (two replicas, say) wait for its lock
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock =
                    holder.prepareStatement("select id from deletion_job where request_id = ? for update")) {
                lock.setObject(1, request);
                lock.executeQuery().close();
            }
            List<Future<Integer>> asks = List.of(
                    callers.submit(() -> newCode(account, request).statusCode()),
                    callers.submit(() -> newCode(account, request).statusCode()));
            await().atMost(Fixtures.WAIT).until(() -> waitingForTheJob() == 2);
            holder.rollback();
            for (Future<Integer> ask : asks) {
                statuses.add(ask.get(Fixtures.WAIT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            callers.shutdownNow();
        }

        // one new code; the other ask sees it (not the job it had waited for) and is too soon
        assertThat(statuses).containsExactlyInAnyOrder(202, 429);
        Sql sql = new Sql(dataSource);
        assertThat(sql.count("select count(*) from deletion_job where request_id = ?", request))
                .isEqualTo(2);
        assertThat(sql.count(
                        "select count(*) from outbox_event where type = 'deletion.verification-issued.v1'"
                                + " and account_id = ?",
                        account))
                .isEqualTo(2);
    }

    @Test
    void aDeclinedRequestsCodeDiesAndNothingIsDeleted() {
        UUID account = accountWithTaggedChats(2);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode code = Requests.code(events, sealer, account, 1);

        Requests.send(kafka, Requests.declined(account, request));
        await().atMost(Fixtures.WAIT)
                .until(() -> "CANCELLED".equals(status(account, request).path("status")));

        present(account, request, code.code())
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:chat-privacy:problem:request-declined"));
        clock.advance(Duration.ofSeconds(61));
        newCode(account, request).then().statusCode(409);
        assertThat(chats(account)).isEqualTo(2);
    }

    @Test
    void onlyTheOwnerOfTheAccountPresentsAWellFormedCode() {
        UUID account = accountWithTaggedChats(1);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode code = Requests.code(events, sealer, account, 1);
        UUID other = UUID.randomUUID();
        Fixtures.registerAccount(accounts, other, "owner@other.example");

        given().auth()
                .oauth2(agent(account))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code()))
                .post("/accounts/{a}/deletion-requests/{r}/verification", account, request)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner(other))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code()))
                .post("/accounts/{a}/deletion-requests/{r}/verification", account, request)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(owner(other))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code()))
                .post("/accounts/{a}/deletion-requests/{r}/verification", other, request)
                .then()
                .statusCode(404);
        present(account, request, "12ab").then().statusCode(400).body("violations.field", hasItem("code"));
        given().auth()
                .oauth2(owner(account))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code.code(), "extra", 1))
                .post("/accounts/{a}/deletion-requests/{r}/verification", account, request)
                .then()
                .statusCode(400);

        status(account, request).then().body("failedAttempts", equalTo(0)).body("remainingAttempts", equalTo(5));
        assertThat(chats(account)).isEqualTo(1);
    }

    @Test
    void aRequestForAnAccountNeverRegisteredGoesToTheDeadLetterTopic() {
        UUID account = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, UUID.randomUUID(), "Delete"));

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.request-events.dlq");
        try {
            await().atMost(Fixtures.WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> account.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(events.of(account, "deletion.verification-issued.v1")).isEmpty();
    }

    @Test
    void chatsUnderALegalHoldAreKeptAndListedInTheReceipt() {
        UUID account = accountWithTaggedChats(5);
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/chats/{c}/legal-hold", account, "c-3")
                .then()
                .statusCode(200);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode code = Requests.code(events, sealer, account, 1);
        assertThat(code.data().get("chatCount").asInt()).isEqualTo(4);

        present(account, request, code.code())
                .then()
                .statusCode(200)
                .body("chatsDeleted", equalTo(4))
                .body("chatsSkippedLegalHold", equalTo(1))
                .body("skippedChatIds", contains("c-3"));

        assertThat(chats(account)).isEqualTo(1);
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/chats/c-3", account)
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(true));
        var completed = events.await(account, "deletion.purge-completed.v1", 1);
        assertThat(Requests.data(completed.get(0)).get("chatsSkippedLegalHold").asInt())
                .isEqualTo(1);
    }

    @Test
    void ticketsUnderALegalHoldAreKeptAndListedUntilTheHoldIsLifted() {
        UUID account = accountWithTaggedChats(2);
        Fixtures.ingestTickets(
                account,
                List.of(
                        ticket("t-1", "t1@example.com", List.of("Delete")),
                        ticket("t-2", "t2@example.com", List.of("Delete")),
                        ticket("t-3", "t3@example.com", List.of("Delete"))));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/tickets/{t}/legal-hold", account, "t-2")
                .then()
                .statusCode(200);
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
        IssuedCode code = Requests.code(events, sealer, account, 1);
        assertThat(code.data().get("chatCount").asInt()).isEqualTo(2);
        assertThat(code.data().get("ticketCount").asInt()).isEqualTo(2);

        present(account, request, code.code())
                .then()
                .statusCode(200)
                .body("chatsDeleted", equalTo(2))
                .body("ticketsDeleted", equalTo(2))
                .body("chatsSkippedLegalHold", equalTo(0))
                .body("skippedChatIds", empty())
                .body("ticketsSkippedLegalHold", equalTo(1))
                .body("skippedTicketIds", contains("t-2"));

        // the held ticket is whole (readable, so its keys live) and keeps its tag; it left no tombstone
        assertThat(tickets(account)).containsExactly("t-2");
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/t-2", account)
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(true))
                .body("tags", contains("Delete"))
                .body("subject", equalTo("Subject of t-2"));
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/deletion-requests/{r}/receipt", account, request)
                .then()
                .statusCode(200)
                .body("ticketsSkippedLegalHold", equalTo(1))
                .body("skippedTicketIds", contains("t-2"))
                .body("deletedTicketIdHashes", hasSize(2))
                .body("deletedTicketIdHashes", not(hasItem(idHash("TICKET:t-2"))));
        JsonNode completed = Requests.awaitForRequest(events, account, "deletion.purge-completed.v1", request);
        assertThat(completed.get("ticketsSkippedLegalHold").asInt()).isEqualTo(1);
        assertThat(completed.get("chatsSkippedLegalHold").asInt()).isZero();
        assertThat(completed.get("ticketsDeleted").asInt()).isEqualTo(2);

        // once the hold is lifted, a later purge of the same tag takes it
        given().auth()
                .oauth2(owner(account))
                .delete("/accounts/{a}/tickets/{t}/legal-hold", account, "t-2")
                .then()
                .statusCode(200)
                .body("legalHold", equalTo(false));
        UUID later = UUID.randomUUID();
        Requests.send(kafka, Requests.openedForTag(account, later, "Delete"));
        IssuedCode second = Requests.code(events, sealer, account, 2);
        assertThat(second.data().get("ticketCount").asInt()).isEqualTo(1);
        present(account, later, second.code())
                .then()
                .statusCode(200)
                .body("ticketsDeleted", equalTo(1))
                .body("ticketsSkippedLegalHold", equalTo(0))
                .body("skippedTicketIds", empty());
        assertThat(tickets(account)).isEmpty();
        JsonNode laterCompleted = Requests.awaitForRequest(events, account, "deletion.purge-completed.v1", later);
        assertThat(laterCompleted.get("ticketsSkippedLegalHold").asInt()).isZero();
        assertThat(laterCompleted.get("ticketsDeleted").asInt()).isEqualTo(1);
    }

    @Test
    void aHeldTicketOutlivesItsSubjectsDeletionAndKeepsTheirKey() {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@held-subject.example");
        String kim = "kim@example.com";
        Fixtures.ingestChats(account, List.of(chat("k-1", "v-kim", kim, List.of())));
        Fixtures.ingestTickets(account, List.of(ticket("kt-1", kim, List.of()), ticket("kt-2", kim, List.of())));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/tickets/{t}/legal-hold", account, "kt-2")
                .then()
                .statusCode(200);
        Sql sql = new Sql(dataSource);
        assertThat(sql.count("select count(*) from subject_key where account_id = ?", account))
                .isEqualTo(1);

        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.deleteSubject(account, request, kim));
        IssuedCode code = Requests.code(events, sealer, account, 1);
        assertThat(code.data().get("ticketCount").asInt()).isEqualTo(1);
        present(account, request, code.code())
                .then()
                .statusCode(200)
                .body("subjectSelector", equalTo("EMAIL"))
                .body("chatsDeleted", equalTo(1))
                .body("ticketsDeleted", equalTo(1))
                .body("ticketsSkippedLegalHold", equalTo(1))
                .body("skippedTicketIds", contains("kt-2"));

        assertThat(chats(account)).isZero();
        assertThat(tickets(account)).containsExactly("kt-2");
        // kim's subject key still protects the held ticket, which stays readable
        assertThat(sql.count("select count(*) from subject_key where account_id = ?", account))
                .isEqualTo(1);
        given().auth()
                .oauth2(agent(account))
                .get("/accounts/{a}/tickets/kt-2", account)
                .then()
                .statusCode(200)
                .body("requesterEmail", equalTo(kim));
        assertThat(Requests.awaitForRequest(events, account, "deletion.purge-completed.v1", request)
                        .get("ticketsSkippedLegalHold")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void aDataSubjectsDeletionTakesEverythingOfThatAddressAndItsKey() {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@subjects.example");
        String jane = "Jane.Doe@Example.com";
        Fixtures.ingestChats(
                account,
                List.of(
                        chat("j-1", "v-j1", jane, List.of()),
                        chat("j-2", "v-j2", "jane.doe@example.com", List.of()),
                        chat("o-1", "v-o1", "other@example.com", List.of())));
        Fixtures.ingestTickets(
                account,
                List.of(ticket("jt-1", "jane.doe@example.com", List.of()), ticket("ot-1", "x@y.example", List.of())));
        Sql sql = new Sql(dataSource);
        long keysBefore = sql.count("select count(*) from subject_key where account_id = ?", account);

        UUID request = UUID.randomUUID();
        Map<String, Object> bySubject = Fixtures.nulls("tag");
        bySubject.put("subjectEmail", " JANE.DOE@example.com");
        Requests.send(kafka, Requests.opened(account, request, bySubject));
        IssuedCode code = Requests.code(events, sealer, account, 1);
        assertThat(code.data().get("tag").isNull()).isTrue();
        assertThat(code.data().get("subjectEmailHash").asText()).matches("[0-9a-f]{64}");
        assertThat(code.data().toString()).doesNotContain("jane").doesNotContain("@");
        assertThat(code.data().get("chatCount").asInt()).isEqualTo(2);
        assertThat(code.data().get("ticketCount").asInt()).isEqualTo(1);

        present(account, request, code.code())
                .then()
                .statusCode(200)
                .body("chatsDeleted", equalTo(2))
                .body("ticketsDeleted", equalTo(1))
                .body("tag", nullValue())
                .body("subjectSelector", equalTo("EMAIL"));

        List<Object> left = new ArrayList<>();
        sql.rows(
                        "select external_id from chat where account_id = ? union all select external_id from ticket"
                                + " where account_id = ?",
                        account,
                        account)
                .forEach(row -> left.add(row.get("external_id")));
        assertThat(left).containsExactlyInAnyOrder("o-1", "ot-1");
        // jane's one subject key is destroyed with her last item
        assertThat(sql.count("select count(*) from subject_key where account_id = ?", account))
                .isEqualTo(keysBefore - 1);
    }

    private UUID accountWithTaggedChats(int count) {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@" + account + ".example");
        List<Map<String, Object>> chats = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            chats.add(chat("c-" + i, List.of("Delete")));
        }
        Fixtures.ingestChats(account, chats);
        return account;
    }

    private List<Object> tickets(UUID account) {
        return new Sql(dataSource)
                .rows("select external_id from ticket where account_id = ? order by external_id", account).stream()
                        .map(row -> row.get("external_id"))
                        .toList();
    }

    private static String idHash(String typeAndId) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(typeAndId.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private long chats(UUID account) {
        return new Sql(dataSource).count("select count(*) from chat where account_id = ?", account);
    }

    /** How many sessions wait for a lock on a deletion job. */
    private long waitingForTheJob() {
        return new Sql(dataSource)
                .count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                        + " and query like '%deletion_job%' and pid <> pg_backend_pid()");
    }

    private static Response present(UUID account, UUID request, String code) {
        return given().auth()
                .oauth2(owner(account))
                .contentType(ContentType.JSON)
                .body(Map.of("code", code))
                .post("/accounts/{a}/deletion-requests/{r}/verification", account, request);
    }

    private static Response newCode(UUID account, UUID request) {
        return given().auth()
                .oauth2(owner(account))
                .post("/accounts/{a}/deletion-requests/{r}/verification-code", account, request);
    }

    private static Response status(UUID account, UUID request) {
        return given().auth().oauth2(agent(account)).get("/accounts/{a}/deletion-requests/{r}", account, request);
    }
}
