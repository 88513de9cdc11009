package io.chatprivacy.deletion.service;

import static io.chatprivacy.deletion.Fixtures.agent;
import static io.chatprivacy.deletion.Fixtures.chat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

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
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A purge interrupted between chunks (a crash, a restart) resumes from what is left and finishes once. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class PurgeResumeTest {

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

    @Test
    void anInterruptedPurgeResumesAndCompletesOnce() throws Exception {
        UUID account = UUID.randomUUID();
        Fixtures.registerAccount(accounts, account, "owner@resume.example");
        List<Map<String, Object>> chats = new ArrayList<>();
        for (int i = 0; i < 350; i++) {
            chats.add(chat("r-" + i, List.of("Delete")));
        }
        Fixtures.ingestChats(account, chats);
        Sql sql = new Sql(dataSource);

        try (Fixtures.DeletionEvents events = new Fixtures.DeletionEvents(kafka)) {
            UUID request = UUID.randomUUID();
            Requests.send(kafka, Requests.openedForTag(account, request, "Delete"));
            IssuedCode code = Requests.code(events, sealer, account, 1);

            // the code is accepted and committed, then the process dies after the crypto-erasure and the first
            // chunk (100 in tests)
            DeletionJobService.Presented presented = jobs.present(account, request, code.code(), "owner-1");
            assertThat(presented.outcome()).isEqualTo(Verification.ACCEPTED);
            assertThat(purges.step(presented.jobId())).isFalse();
            assertThat(sql.count("select count(*) from chat where account_id = ?", account))
                    .isEqualTo(350);
            assertThat(purges.step(presented.jobId())).isFalse();
            assertThat(sql.count("select count(*) from chat where account_id = ?", account))
                    .isEqualTo(250);
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/deletion-requests/{r}", account, request)
                    .then()
                    .body("status", equalTo("PURGING"))
                    .body("chatsDeleted", equalTo(100));

            // on restart, the resumer finds the job and finishes it
            for (CompletableFuture<Void> run : runner.resumeInterrupted()) {
                run.get(30, TimeUnit.SECONDS);
            }
            given().auth()
                    .oauth2(agent(account))
                    .get("/accounts/{a}/deletion-requests/{r}", account, request)
                    .then()
                    .body("status", equalTo("COMPLETED"))
                    .body("chatsDeleted", equalTo(350));
            assertThat(sql.count("select count(*) from chat where account_id = ?", account))
                    .isZero();
            assertThat(sql.count("select count(*) from purged_item where job_id = ?", presented.jobId()))
                    .isEqualTo(350);

            // running it again (another replica, a late resumer) does nothing and announces nothing
            assertThat(purges.step(presented.jobId())).isTrue();
            events.await(account, "deletion.purge-completed.v1", 1);
            await().pollDelay(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> true);
            assertThat(events.of(account, "deletion.purge-completed.v1")).hasSize(1);
            assertThat(Requests.data(events.of(account, "deletion.purge-completed.v1")
                                    .get(0))
                            .get("chatsDeleted")
                            .asInt())
                    .isEqualTo(350);
        }
    }
}
