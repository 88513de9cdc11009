package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into the shared running system once every other test that needs it has run (only {@link ShutdownIT},
 * which stops it, comes later): a service killed with SIGKILL, the Kafka broker, PostgreSQL and the SMTP server gone
 * for a while. Each test repairs what it broke, so the system is whole again when it ends.
 * Each test ends by checking the whole system, not only its own flow: every outbox row of every service is published
 * and on Kafka exactly once (no event lost, none doubled), every mail row is {@code SENT} and reached the SMTP server
 * exactly once (identified by its stable {@code Message-ID}), and what it did itself (receipts, tombstones, request
 * states, ledger rows) adds up.
 */
@Order(98)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration WAIT = Books.WAIT;
    /**
     * Chats purged under a kill -9: with the shared system's chunks of {@link RunningSystem#PURGE_CHUNK} a purge of 40
     * transactions.
     */
    private static final int PURGE_CHATS = 10_000;

    private static Stack stack;
    private static RunningSystem system;
    private static DemoCredentials demo;
    private static MailServer mail;
    private static Books books;
    private static DemoFlows flows;
    private static KafkaProducer<String, String> producer;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        stack = system.stack();
        demo = system.demo();
        mail = stack.mail().orElseThrow();
        books = new Books(stack);
        flows = new DemoFlows(system);
        producer = DemoFlows.chatPlatformProducer(stack);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Whatever a failed test left broken is repaired, so that the next test starts from a whole system. */
    @AfterEach
    void repair() {
        if (!stack.kafka().orElseThrow().isRunning()) {
            stack.startKafka();
        }
        if (!mail.isRunning()) {
            stack.startSmtp();
        }
        if (!books.postgresUp()) {
            stack.startPostgres();
        }
        for (Service service : Service.values()) {
            if (!stack.service(service).isAlive()) {
                stack.startService(service);
            }
        }
    }

    // ------------------------------------------------------------------ a) deletion-service killed mid-purge

    @Test
    @Order(1)
    void aPurgeKilledInTheMiddleResumesAfterTheRestartAndCompletesOnce() throws Exception {
        String run = run();
        String tag = "Crash" + run;
        long t0 = System.nanoTime();
        for (int i = 0; i < PURGE_CHATS; i++) {
            producer.send(DemoFlows.chatArchived(demo.accountId(), "chat-" + run + "-" + i, List.of(tag)));
        }
        String keptId = "kept-" + run;
        producer.send(DemoFlows.chatArchived(demo.accountId(), keptId, List.of()));
        producer.flush();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> flows.preview(tag).path("chats").asLong() == PURGE_CHATS);
        String keptBefore = await().atMost(WAIT)
                .until(() -> flows.chat(keptId), r -> r.status() == 200)
                .body();
        System.out.printf(
                "FaultsIT: %d chats ingested through chat-transcripts in %d ms%n", PURGE_CHATS, millisSince(t0));

        String requestId = flows.openTagDeletion(tag);
        String code = flows.awaitCode(requestId, 1);
        // the call waits for the purge (up to 30 s) and the service dies under it: sent without waiting
        CompletableFuture<HttpResponse<String>> presenting = flows.presentAsync(requestId, code);
        long purgeStart = System.nanoTime();
        JsonNode purging = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> flows.job(requestId),
                        j -> j != null
                                && (!"AWAITING_VERIFICATION"
                                                .equals(j.path("status").asText())
                                        && (j.path("chatsDeleted").asInt() > 0
                                                || !"PURGING"
                                                        .equals(j.path("status").asText()))));
        assertThat(purging.path("status").asText())
                .as("the purge must still run to be killed in the middle (raise PURGE_CHATS): %s", purging)
                .isEqualTo("PURGING");
        stack.killService(Service.DELETION);
        // its relay may have had a batch handed to Kafka and not yet marked: the restart sends it again
        books.eventsMayRepeat(Service.DELETION);
        System.out.printf("FaultsIT: deletion-service killed %d ms into the purge%n", millisSince(purgeStart));
        String jobId = purging.path("jobId").asText();
        int deletedAtKill = books.queryInt(
                Service.DELETION,
                "select chats_deleted from deletion_job where id = ?::uuid and status = 'PURGING'",
                jobId);
        assertThat(deletedAtKill).as("chats purged when killed").isBetween(1, PURGE_CHATS - 1);
        assertThat(books.queryInt(Service.DELETION, "select count(*) from purged_item where job_id = ?::uuid", jobId))
                .as("tombstones written by committed chunks only")
                .isEqualTo(deletedAtKill);
        presenting.handle((r, e) -> null).join();

        stack.startService(Service.DELETION);
        long restarted = System.nanoTime();
        await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(requestId)));
        System.out.printf("FaultsIT: the purge completed %d ms after the restart%n", millisSince(restarted));

        JsonNode job = flows.job(requestId);
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("jobId").asText()).isEqualTo(jobId);
        assertThat(job.path("chatsDeleted").asInt()).isEqualTo(PURGE_CHATS);
        String receiptId = job.path("receiptId").asText();
        // exactly one receipt, counting every tagged chat once
        assertThat(books.queryInt(
                        Service.DELETION, "select count(*) from purge_receipt where request_id = ?::uuid", requestId))
                .isEqualTo(1);
        JsonNode receipt = system.call(
                        "GET",
                        Service.DELETION,
                        "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/receipt",
                        demo.ownerToken(),
                        null)
                .json();
        assertThat(receipt.path("chatsDeleted").asInt()).isEqualTo(PURGE_CHATS);
        // every tagged chat gone, one tombstone each, no second purge of anything
        assertThat(books.queryInt(
                        Service.DELETION,
                        "select count(*) from chat where account_id = ?::uuid and external_id like ?",
                        demo.accountId(),
                        "chat-" + run + "-%"))
                .isZero();
        assertThat(books.queryInt(Service.DELETION, "select count(*) from purged_item where job_id = ?::uuid", jobId))
                .isEqualTo(PURGE_CHATS);
        assertThat(flows.preview(tag).path("chats").asLong()).isZero();
        assertThat(flows.chat("chat-" + run + "-0").status()).isEqualTo(404);
        assertThat(flows.chat("chat-" + run + "-" + (PURGE_CHATS - 1)).status()).isEqualTo(404);
        // the untagged chat untouched
        assertThat(flows.chat(keptId).body()).isEqualTo(keptBefore);
        // one purge-completed event for the job, published once
        assertThat(books.queryInt(
                        Service.DELETION,
                        "select count(*) from outbox_event where type = 'deletion.purge-completed.v1' and subject = ?",
                        jobId))
                .isEqualTo(1);
        List<ConsumerRecord<String, String>> completed = books.allRecords("deletion-events").stream()
                .filter(r -> "deletion.purge-completed.v1".equals(RunningSystem.header(r, "ce_type")))
                .filter(r -> r.value().contains(jobId))
                .toList();
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).value()).contains(receiptId).contains("\"chatsDeleted\":" + PURGE_CHATS);
        // one code mail, one confirmation mail
        books.assertMailsOfRequest(requestId, Map.of("VERIFICATION_CODE", 1, "PURGE_CONFIRMATION", 1));

        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ b) the broker gone for 60 s

    @Test
    @Order(2)
    void theBrokerGoneForAMinuteLosesNothingAndDoublesNothing() throws Exception {
        String run = run();
        // two deletion flows: one authorised while the broker is down, one opened while it is down
        String tagBefore = "Before" + run;
        String tagDuring = "During" + run;
        for (int i = 0; i < 50; i++) {
            producer.send(DemoFlows.chatArchived(demo.accountId(), "b1-" + run + "-" + i, List.of(tagBefore)));
            producer.send(DemoFlows.chatArchived(demo.accountId(), "b2-" + run + "-" + i, List.of(tagDuring)));
        }
        producer.flush();
        await().atMost(WAIT)
                .until(() -> flows.preview(tagBefore).path("chats").asLong() == 50
                        && flows.preview(tagDuring).path("chats").asLong() == 50);
        String first = flows.openTagDeletion(tagBefore);
        String firstCode = flows.awaitCode(first, 1);
        JsonNode form = flows.currentForm();

        try (ConsentLoad load = consentLoad("kafka-" + run, form)) {
            await().atMost(WAIT).until(() -> load.accepted() >= 50);
            stack.stopKafka();
            Instant stopped = Instant.now();
            int acceptedBefore = load.accepted();
            RunningSystem.Response authorised = flows.present(first, firstCode);
            assertThat(authorised.status()).as(authorised.body()).isIn(200, 202);
            String second = flows.openTagDeletion(tagDuring);
            // the outage lasts a minute (the figure), measured by the load that goes on meanwhile
            await().atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> Duration.between(stopped, Instant.now()).toSeconds() >= 60);
            int acceptedDuring = load.accepted() - acceptedBefore;
            assertThat(acceptedDuring)
                    .as("consents keep being accepted (and written to the ledger) without the broker")
                    .isPositive();
            stack.startKafka();
            int acceptedAtRestart = load.accepted();
            await().atMost(WAIT).until(() -> load.accepted() >= acceptedAtRestart + 50);
            load.close();
            System.out.printf(
                    "FaultsIT: consents accepted: %d before the broker stopped, %d while it was down, %d in all%n",
                    acceptedBefore, acceptedDuring, load.accepted());
            assertThat(load.refusals())
                    .as("answers other than 201: %s", load.refusals())
                    .isEmpty();

            // the first flow completes with its confirmation; the second gets its code once, and completes
            await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(first)));
            String secondCode = flows.awaitCode(second, 1);
            RunningSystem.Response secondAuthorised = flows.present(second, secondCode);
            assertThat(secondAuthorised.status()).as(secondAuthorised.body()).isIn(200, 202);
            await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(second)));
            for (String requestId : List.of(first, second)) {
                assertThat(flows.job(requestId).path("chatsDeleted").asInt()).isEqualTo(50);
                assertThat(books.queryInt(
                                Service.DELETION,
                                "select count(*) from purge_receipt where request_id = ?::uuid",
                                requestId))
                        .isEqualTo(1);
                books.assertMailsOfRequest(requestId, Map.of("VERIFICATION_CODE", 1, "PURGE_CONFIRMATION", 1));
            }

            books.assertConsentsRecordedAndPublished(load);
        }
        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ c) notification-service killed mid-send

    @Test
    @Order(3)
    void aMailerKilledWhileSendingLosesNoMailAndRepeatsAtMostTheOneInFlight() throws Exception {
        String run = run();
        int requests = 60; // each an access request: a receipt confirmation, the access copy, a completion notice
        int sentBefore =
                books.queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'SENT'");
        // the requests keep coming while the mailer is killed and restarted (request-service takes them; their
        // events wait on Kafka)
        List<String> opened = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> opening = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < requests; i++) {
                opened.add(flows.openRequest(Map.of(
                        "type",
                        "ACCESS",
                        "subjectEmail",
                        "mass-" + run + "-" + i + "@example.com",
                        "channel",
                        "EMAIL")));
            }
        });
        // kill it once it is sending and has plenty of this run's mails left to send, queued or still to be queued
        // from events it has not consumed yet. Not "20 queued": the dispatcher is woken by every new mail, and
        // since the access mail carries a link, mails go out about as fast as the requests are opened, so on a
        // quiet machine the queue stayed below 20 for the whole run (a CI run timed out waiting for it)
        int runMails = requests
                * DemoFlows.ACCESS_MAILS.values().stream()
                        .mapToInt(Integer::intValue)
                        .sum();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            int sent = books.queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'SENT'")
                    - sentBefore;
            return sent >= 20 && sent <= runMails - 20;
        });
        stack.killService(Service.NOTIFICATION);
        // its relay may have had a batch handed to Kafka and not yet marked: the restart sends it again
        books.eventsMayRepeat(Service.NOTIFICATION);
        // what reached the SMTP server before the kill but was not marked SENT: the mail in flight
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.openSessions() == 0);
        Set<String> pending = new HashSet<>(books.queryStrings(
                Service.NOTIFICATION, "select id::text from outgoing_mail where status = 'PENDING'"));
        Set<String> delivered = books.messageIdCounts().keySet();
        Set<String> inFlight = new HashSet<>(pending);
        inFlight.retainAll(delivered);
        System.out.printf(
                "FaultsIT: notification-service killed with %d mails pending, %d of them already accepted by SMTP%n",
                pending.size(), inFlight.size());
        // the dispatcher sends one mail per transaction: at most that one can be in the window
        assertThat(inFlight).hasSizeLessThanOrEqualTo(1);
        inFlight.forEach(books::mailMayRepeat);

        stack.startService(Service.NOTIFICATION);
        opening.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(opened).hasSize(requests);
        flows.awaitCompleted(opened);
        for (String requestId : opened) {
            books.assertMailsOfRequest(requestId, DemoFlows.ACCESS_MAILS);
        }
        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ d) PostgreSQL restarted under consent load

    @Test
    @Order(4)
    void postgresRestartedUnderConsentLoadLosesNoAcceptedConsent() throws Exception {
        String run = run();
        JsonNode form = flows.currentForm();
        try (ConsentLoad load = consentLoad("pg-" + run, form)) {
            await().atMost(WAIT).until(() -> load.accepted() >= 50);
            stack.stopPostgres();
            int refusedBefore = load.refusals().size();
            // the outage lasts until every client has been told, clearly, twice (each waits for the ledger's
            // write timeout, 20 s, before its 503)
            await().atMost(WAIT).until(() -> load.refusals().size() >= refusedBefore + 6);
            stack.startPostgres();
            int acceptedAtRestart = load.accepted();
            await().atMost(WAIT).until(() -> load.accepted() >= acceptedAtRestart + 100);
            load.close();
            System.out.printf(
                    "FaultsIT: PostgreSQL restart under load: %d consents accepted, %d refused%n",
                    load.accepted(), load.refusals().size());
            assertThat(load.refusals())
                    .as("a refusal is a 503 problem, never a 200 that is lost")
                    .allSatisfy(refusal -> assertThat(refusal).startsWith("503 application/problem+json"));
            books.assertConsentsRecordedAndPublished(load);
        }
        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ e) SMTP unreachable for a while

    @Test
    @Order(5)
    void mailQueuedWhileSmtpIsUnreachableArrivesOnceWhenItReturns() throws Exception {
        String run = run();
        stack.stopSmtp();
        List<String> opened = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                opened.add(flows.openRequest(Map.of(
                        "type",
                        "ACCESS",
                        "subjectEmail",
                        "smtp-" + run + "-" + i + "@example.com",
                        "channel",
                        "EMAIL")));
            }
            // The outage is ten minutes. The dispatcher tries one mail per round while the relay is down,
            // each mail again after its back-off (production: doubling up to 1 min; here capped at 2 s): the outage
            // lasts until every queued mail (receipts and copies) has failed at least twice, about a minute here.
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> books.queryInt(
                                            Service.NOTIFICATION,
                                            "select count(*) from outgoing_mail where status = 'PENDING'"
                                                    + " and recipient like ?",
                                            "smtp-" + run + "-%")
                                    == 20
                            && books.queryInt(
                                            Service.NOTIFICATION,
                                            "select min(attempts) from outgoing_mail where status = 'PENDING'")
                                    >= 2);
            assertThat(books.queryInt(
                            Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'FAILED'"))
                    .isZero();
        } finally {
            stack.startSmtp();
        }
        flows.awaitCompleted(opened);
        for (String requestId : opened) {
            books.assertMailsOfRequest(requestId, DemoFlows.ACCESS_MAILS);
        }
        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ f) request-service killed mid-sweep

    @Test
    @Order(6)
    void aDeadlineSweepKilledHalfwayRemindsOfEachRequestOnceAfterTheRestart() throws Exception {
        String run = run();
        int requests = 100;
        // deletions by mail wait for their verification code, so they stay open; received 30 days ago they are due
        // in 15, outside the 7-day reminder window
        String receivedAt = Instant.now()
                .minus(Duration.ofDays(30))
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            opened.add(flows.openRequest(Map.of(
                    "type",
                    "DELETE",
                    "subjectEmail",
                    "due-" + run + "-" + i + "@example.com",
                    "channel",
                    "EMAIL",
                    "receivedAt",
                    receivedAt)));
        }
        books.assertNothingLostNothingDoubled();
        String[] ids = opened.toArray(String[]::new);
        String approaching = "select count(*) from outbox_event where type = 'request.deadline-approaching.v1'"
                + " and subject = any (?)";
        assertThat(books.queryInt(Service.REQUEST, approaching, (Object) ids)).isZero();

        try (Connection gate = books.connect(Service.REQUEST);
                Connection clock = books.connect(Service.REQUEST)) {
            // the sweep's first event write waits behind this lock: the sweep is then, provably, halfway through its
            // transaction (requests selected and locked, reminders being recorded) when the service is killed
            gate.setAutoCommit(false);
            gate.createStatement().execute("lock table outbox_event in share mode");
            // ten days pass for these requests: now due in 5, inside the window
            try (PreparedStatement shift = clock.prepareStatement("update rights_request"
                    + " set received_at = received_at - interval '10 days', due_at = due_at - interval '10 days'"
                    + " where id = any (?::uuid[])")) {
                shift.setObject(1, ids);
                assertThat(shift.executeUpdate()).isEqualTo(requests);
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> books.queryInt(
                                    Service.REQUEST,
                                    "select count(*) from pg_stat_activity where datname = current_database()"
                                            + " and wait_event_type = 'Lock' and query ilike 'insert into outbox_event%'")
                            > 0);
            stack.killService(Service.REQUEST);
            // its relay may have had a batch handed to Kafka and not yet marked: the restart sends it again
            books.eventsMayRepeat(Service.REQUEST);
            gate.rollback();
        }
        // the killed sweep's transaction is rolled back: no reminder recorded
        await().atMost(Duration.ofSeconds(30))
                .until(() -> books.queryInt(
                                Service.REQUEST,
                                "select count(*) from pg_stat_activity where datname = current_database()"
                                        + " and query ilike 'insert into outbox_event%' and state <> 'idle'")
                        == 0);
        assertThat(books.queryInt(Service.REQUEST, approaching, (Object) ids))
                .as("reminders recorded by the killed sweep")
                .isZero();

        stack.startService(Service.REQUEST);
        await().atMost(WAIT).until(() -> books.queryInt(Service.REQUEST, approaching, (Object) ids) == requests);
        assertThat(books.queryInt(
                        Service.REQUEST,
                        "select count(*) from (select subject from outbox_event"
                                + " where type = 'request.deadline-approaching.v1' and subject = any (?)"
                                + " group by subject having count(*) = 1) once",
                        (Object) ids))
                .as("requests reminded of exactly once")
                .isEqualTo(requests);
        await().atMost(WAIT)
                .until(() -> books.queryInt(
                                Service.NOTIFICATION,
                                "select count(*) from outgoing_mail where template = 'DEADLINE_REMINDER'"
                                        + " and request_id::text = any (?)",
                                (Object) ids)
                        == requests);
        books.assertNothingLostNothingDoubled();
    }

    /** Three clients posting consents to consent-service, every answer expected. */
    private static ConsentLoad consentLoad(String prefix, JsonNode form) {
        return new ConsentLoad(
                prefix, form, demo.widgetKey(), 3, () -> List.of(stack.serviceUrl(Service.CONSENT)), false);
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
