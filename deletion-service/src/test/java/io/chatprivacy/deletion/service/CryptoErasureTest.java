package io.chatprivacy.deletion.service;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.owner;
import static io.chatprivacy.deletion.Fixtures.platform;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.Fixtures;
import io.chatprivacy.deletion.Requests;
import io.chatprivacy.deletion.Requests.IssuedCode;
import io.chatprivacy.deletion.Sql;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.domain.DeletionJob.Verification;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The purge's crypto-erasure: once authorised, the data keys of all the job's targets are destroyed in one
 * step, so every target is unreadable (and reads as purged) before its rows are deleted chunk by chunk;
 * held and untagged items stay readable, and a job interrupted right after the erasure finishes with the
 * same counts and receipt as ever.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class CryptoErasureTest {

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @Inject
    CodeSealer sealer;

    @Inject
    DeletionJobService jobs;

    @Inject
    PurgeService purges;

    @Inject
    PurgeRunner runner;

    @Inject
    MeterRegistry meters;

    @Test
    void erasureMakesEveryTargetUnreadableBeforeTheRowsGoAndAResumedJobFinishes() throws Exception {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@erasure.example");
        List<Map<String, Object>> chats = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            chats.add(chat("e-" + i, List.of("Delete")));
        }
        chats.add(chat("held", List.of("Delete")));
        chats.add(chat("kept", List.of()));
        Fixtures.ingestChats(account, chats);
        Fixtures.ingestTickets(
                account,
                List.of(
                        ticket("t-gone", "t-gone@visitors.example", List.of("Delete")),
                        ticket("t-kept", "t-kept@visitors.example", List.of())));
        given().auth()
                .oauth2(owner(account))
                .put("/accounts/{a}/chats/{c}/legal-hold", account, "held")
                .then()
                .statusCode(200);
        Sql sql = new Sql(dataSource);
        long subjectKeysBefore = sql.count("select count(*) from subject_key where account_id = ?", account);
        assertThat(subjectKeysBefore).isEqualTo(254); // one visitor (email) per item
        long erasuresBefore = erasures();

        try (Fixtures.DeletionEvents events = new Fixtures.DeletionEvents(kafka)) {
            UUID request = UUID.randomUUID();
            Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
            IssuedCode code = Requests.code(events, sealer, account, 1);
            DeletionJobService.Presented presented = jobs.present(account, request, code.code(), "owner-1");
            assertThat(presented.outcome()).isEqualTo(Verification.ACCEPTED);
            UUID job = presented.jobId();

            // the first step is the erasure alone; then the process dies
            assertThat(purges.step(job)).isFalse();
            assertThat(sql.count(
                            "select count(*) from deletion_job where id = ? and keys_destroyed_at is not null", job))
                    .isEqualTo(1);
            assertThat(erasures()).isEqualTo(erasuresBefore + 1);

            // every target's row is still there, its key is not: nothing can open it any more
            assertThat(sql.count("select count(*) from chat where account_id = ?", account))
                    .isEqualTo(252);
            assertThat(sql.count(
                            "select count(*) from chat c join data_key k on k.id = c.id where c.account_id = ?",
                            account))
                    .isEqualTo(2);
            assertThat(sql.count(
                            "select count(*) from ticket t join data_key k on k.id = t.id where t.account_id = ?",
                            account))
                    .isEqualTo(1);
            assertThat(sql.count("select count(*) from purged_item where job_id = ?", job))
                    .isZero();

            // read like purged items: 404, absent from listings, not stored again
            for (String id : List.of("e-0", "e-249")) {
                given().auth()
                        .oauth2(agent(account))
                        .get("/accounts/{a}/chats/{c}", account, id)
                        .then()
                        .statusCode(404);
            }
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/tickets/{t}", account, "t-gone")
                    .then()
                    .statusCode(404);
            given().auth()
                    .oauth2(agent(account))
                    .queryParam("tag", "Delete")
                    .get("/accounts/{a}/chats", account)
                    .then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].chatId", equalTo("held"));
            given().auth()
                    .oauth2(owner(account))
                    .put("/accounts/{a}/chats/{c}/legal-hold", account, "e-1")
                    .then()
                    .statusCode(404);
            Map<String, Object> newer = chat("e-2", List.of("Delete"));
            newer.put("endedAt", Fixtures.STARTED.plusSeconds(900).toString());
            given().auth()
                    .oauth2(platform(account))
                    .contentType(ContentType.JSON)
                    .body(Map.of("chats", List.of(newer)))
                    .post("/accounts/{a}/chat-batches", account)
                    .then()
                    .statusCode(200)
                    .body("purged", equalTo(1))
                    .body("updated", equalTo(0));

            // held and untagged items are as readable as before
            for (String id : List.of("held", "kept")) {
                given().auth()
                        .oauth2(agent(account))
                        .get("/accounts/{a}/chats/{c}", account, id)
                        .then()
                        .statusCode(200)
                        .body("chatId", equalTo(id));
            }
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/tickets/{t}", account, "t-kept")
                    .then()
                    .statusCode(200);
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/chats", account)
                    .then()
                    .statusCode(200)
                    .body("items.chatId", hasItem("kept"))
                    .body("items.chatId", not(hasItem("e-0")));

            // on restart the resumer finds the job, skips the erasure it already did and purges the rows
            for (CompletableFuture<Void> run : runner.resumeInterrupted()) {
                run.get(30, TimeUnit.SECONDS);
            }
            assertThat(erasures()).isEqualTo(erasuresBefore + 1);
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/deletion-requests/{r}", account, request)
                    .then()
                    .body("status", equalTo("COMPLETED"))
                    .body("chatsDeleted", equalTo(250))
                    .body("ticketsDeleted", equalTo(1));
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/deletion-requests/{r}/receipt", account, request)
                    .then()
                    .statusCode(200)
                    .body("chatsDeleted", equalTo(250))
                    .body("ticketsDeleted", equalTo(1))
                    .body("chatsSkippedLegalHold", equalTo(1))
                    .body("deletedChatIdHashes", hasSize(250))
                    .body("deletedTicketIdHashes", hasSize(1));
            assertThat(sql.count("select count(*) from chat where account_id = ?", account))
                    .isEqualTo(2);
            assertThat(sql.count("select count(*) from ticket where account_id = ?", account))
                    .isEqualTo(1);
            assertThat(sql.count("select count(*) from purged_item where job_id = ?", job))
                    .isEqualTo(251);
            // the subject keys the erased data keys hung on went with the purge; the others stay
            assertThat(sql.count("select count(*) from subject_key where account_id = ?", account))
                    .isEqualTo(3);
            assertThat(sql.count(
                            "select count(*) from subject_key s where s.account_id = ? and not exists"
                                    + " (select 1 from data_key k where k.subject_key_id = s.id)",
                            account))
                    .isZero();
            for (String id : List.of("held", "kept")) {
                given().auth()
                        .oauth2(agent(account))
                        .get("/accounts/{a}/chats/{c}", account, id)
                        .then()
                        .statusCode(200);
            }
            events.await(account, "deletion.purge-completed.v1", 1);
            assertThat(Requests.data(events.of(account, "deletion.purge-completed.v1")
                                    .get(0))
                            .get("chatsDeleted")
                            .asInt())
                    .isEqualTo(250);
        }
    }

    private long erasures() {
        Timer timer = meters.find("purge.erasure").tag("target", "tag").timer();
        return timer == null ? 0 : timer.count();
    }
}
