package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into a running system of its own (the shared one is stopped first: two systems would compete for
 * the same cores): a service killed with SIGKILL, the Kafka broker, PostgreSQL and the SMTP server gone for a while.
 * Each test ends by checking the whole system, not only its own flow: every outbox row of every service is published
 * and on Kafka exactly once (no event lost, none doubled), every mail row is {@code SENT} and reached the SMTP server
 * exactly once (identified by its stable {@code Message-ID}), and what it did itself (receipts, tombstones, request
 * states, ledger rows) adds up.
 */
@Order(100)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8,18})");
    private static final String OWNER_ADDRESS = "owner@demo.example";
    private static final String ORIGIN = "http://localhost:3000";
    /** Chats purged under a kill -9: with chunks of {@link #PURGE_CHUNK} a purge of many transactions. */
    private static final int PURGE_CHATS = 20_000;

    private static final int PURGE_CHUNK = 500;
    /** The mails of an access request: its receipt, the copy, the completion notice. */
    private static final Map<String, Integer> ACCESS_MAILS =
            Map.of("RECEIPT_CONFIRMATION", 1, "ACCESS_EXPORT", 1, "COMPLETION_NOTICE", 1);

    private static Stack stack;
    private static RunningSystem system;
    private static DemoCredentials demo;
    private static MailServer mail;
    private static KafkaProducer<String, String> producer;
    /**
     * Mails that the SMTP server had accepted when notification-service was killed before it could mark them sent:
     * the one window in which SMTP allows a repeat. Each may arrive twice, with its one Message-ID.
     */
    private static final Set<String> inFlightAtKill = ConcurrentHashMap.newKeySet();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        RunningSystem.stop();
        stack = Stack.start(RunningSystem.config("faults")
                .oidc(false)
                // many transactions per purge, so that a kill -9 finds one in the middle (production: 5,000)
                .serviceEnv("DELETION_PURGE_CHUNK_SIZE", String.valueOf(PURGE_CHUNK))
                .build());
        system = RunningSystem.of(stack);
        demo = system.demo();
        mail = stack.mail().orElseThrow();
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (stack != null) {
            stack.close();
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
        if (!postgresUp()) {
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
            producer.send(chatArchived(demo.accountId(), "chat-" + run + "-" + i, List.of(tag)));
        }
        String keptId = "kept-" + run;
        producer.send(chatArchived(demo.accountId(), keptId, List.of()));
        producer.flush();
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> preview(tag).path("chats").asLong() == PURGE_CHATS);
        String keptBefore = await().atMost(WAIT)
                .until(() -> chat(keptId), r -> r.status() == 200)
                .body();
        System.out.printf(
                "FaultsIT: %d chats ingested through chat-transcripts in %d ms%n", PURGE_CHATS, millisSince(t0));

        String requestId = openTagDeletion(tag);
        String code = awaitCode(requestId, 1);
        // the call waits for the purge (up to 30 s) and the service dies under it: sent without waiting
        CompletableFuture<HttpResponse<String>> presenting = presentAsync(requestId, code);
        long purgeStart = System.nanoTime();
        JsonNode purging = await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> job(requestId),
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
        System.out.printf("FaultsIT: deletion-service killed %d ms into the purge%n", millisSince(purgeStart));
        String jobId = purging.path("jobId").asText();
        int deletedAtKill = queryInt(
                Service.DELETION,
                "select chats_deleted from deletion_job where id = ?::uuid and status = 'PURGING'",
                jobId);
        assertThat(deletedAtKill).as("chats purged when killed").isBetween(1, PURGE_CHATS - 1);
        assertThat(queryInt(Service.DELETION, "select count(*) from purged_item where job_id = ?::uuid", jobId))
                .as("tombstones written by committed chunks only")
                .isEqualTo(deletedAtKill);
        presenting.handle((r, e) -> null).join();

        stack.startService(Service.DELETION);
        long restarted = System.nanoTime();
        await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(requestId)));
        System.out.printf("FaultsIT: the purge completed %d ms after the restart%n", millisSince(restarted));

        JsonNode job = job(requestId);
        assertThat(job.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(job.path("jobId").asText()).isEqualTo(jobId);
        assertThat(job.path("chatsDeleted").asInt()).isEqualTo(PURGE_CHATS);
        String receiptId = job.path("receiptId").asText();
        // exactly one receipt, counting every tagged chat once
        assertThat(queryInt(
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
        assertThat(queryInt(
                        Service.DELETION,
                        "select count(*) from chat where account_id = ?::uuid and external_id like ?",
                        demo.accountId(),
                        "chat-" + run + "-%"))
                .isZero();
        assertThat(queryInt(Service.DELETION, "select count(*) from purged_item where job_id = ?::uuid", jobId))
                .isEqualTo(PURGE_CHATS);
        assertThat(preview(tag).path("chats").asLong()).isZero();
        assertThat(chat("chat-" + run + "-0").status()).isEqualTo(404);
        assertThat(chat("chat-" + run + "-" + (PURGE_CHATS - 1)).status()).isEqualTo(404);
        // the untagged chat untouched
        assertThat(chat(keptId).body()).isEqualTo(keptBefore);
        // one purge-completed event for the job, published once
        assertThat(queryInt(
                        Service.DELETION,
                        "select count(*) from outbox_event where type = 'deletion.purge-completed.v1' and subject = ?",
                        jobId))
                .isEqualTo(1);
        List<ConsumerRecord<String, String>> completed = allRecords("deletion-events").stream()
                .filter(r -> "deletion.purge-completed.v1".equals(RunningSystem.header(r, "ce_type")))
                .filter(r -> r.value().contains(jobId))
                .toList();
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).value()).contains(receiptId).contains("\"chatsDeleted\":" + PURGE_CHATS);
        // one code mail, one confirmation mail
        assertMailsOfRequest(requestId, Map.of("VERIFICATION_CODE", 1, "PURGE_CONFIRMATION", 1));

        assertNothingLostNothingDoubled();
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
            producer.send(chatArchived(demo.accountId(), "b1-" + run + "-" + i, List.of(tagBefore)));
            producer.send(chatArchived(demo.accountId(), "b2-" + run + "-" + i, List.of(tagDuring)));
        }
        producer.flush();
        await().atMost(WAIT)
                .until(() -> preview(tagBefore).path("chats").asLong() == 50
                        && preview(tagDuring).path("chats").asLong() == 50);
        String first = openTagDeletion(tagBefore);
        String firstCode = awaitCode(first, 1);
        JsonNode form = currentForm();

        try (ConsentLoad load = new ConsentLoad("kafka-" + run, form, 3)) {
            await().atMost(WAIT).until(() -> load.accepted() >= 50);
            stack.stopKafka();
            Instant stopped = Instant.now();
            int acceptedBefore = load.accepted();
            RunningSystem.Response authorised = present(first, firstCode);
            assertThat(authorised.status()).as(authorised.body()).isIn(200, 202);
            String second = openTagDeletion(tagDuring);
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
            assertThat(load.refused())
                    .as("answers other than 201: %s", load.refusals())
                    .isEmpty();

            // the first flow completes with its confirmation; the second gets its code once, and completes
            await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(first)));
            String secondCode = awaitCode(second, 1);
            RunningSystem.Response secondAuthorised = present(second, secondCode);
            assertThat(secondAuthorised.status()).as(secondAuthorised.body()).isIn(200, 202);
            await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(second)));
            for (String requestId : List.of(first, second)) {
                assertThat(job(requestId).path("chatsDeleted").asInt()).isEqualTo(50);
                assertThat(queryInt(
                                Service.DELETION,
                                "select count(*) from purge_receipt where request_id = ?::uuid",
                                requestId))
                        .isEqualTo(1);
                assertMailsOfRequest(requestId, Map.of("VERIFICATION_CODE", 1, "PURGE_CONFIRMATION", 1));
            }

            assertConsentsRecordedAndPublishedOnce(load);
        }
        assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ c) notification-service killed mid-send

    @Test
    @Order(3)
    void aMailerKilledWhileSendingLosesNoMailAndRepeatsAtMostTheOneInFlight() throws Exception {
        String run = run();
        int requests = 100; // each an access request: a receipt confirmation, the access copy, a completion notice
        int sentBefore = queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'SENT'");
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            opened.add(openRequest(Map.of(
                    "type", "ACCESS", "subjectEmail", "mass-" + run + "-" + i + "@example.com", "channel", "EMAIL")));
        }
        // kill it once it is sending and has plenty left to send
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'SENT'")
                                >= sentBefore + 20
                        && queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'PENDING'")
                                >= 50);
        stack.killService(Service.NOTIFICATION);
        // what reached the SMTP server before the kill but was not marked SENT: the mail in flight
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.openSessions() == 0);
        Set<String> pending = new HashSet<>(
                queryStrings(Service.NOTIFICATION, "select id::text from outgoing_mail where status = 'PENDING'"));
        Set<String> delivered = messageIdCounts().keySet();
        Set<String> inFlight = new HashSet<>(pending);
        inFlight.retainAll(delivered);
        System.out.printf(
                "FaultsIT: notification-service killed with %d mails pending, %d of them already accepted by SMTP%n",
                pending.size(), inFlight.size());
        // the dispatcher sends one mail per transaction: at most that one can be in the window
        assertThat(inFlight).hasSizeLessThanOrEqualTo(1);
        inFlightAtKill.addAll(inFlight);

        stack.startService(Service.NOTIFICATION);
        await().atMost(WAIT).until(() -> opened.stream().allMatch(id -> "COMPLETED".equals(system.requestStatus(id))));
        for (String requestId : opened) {
            assertMailsOfRequest(requestId, ACCESS_MAILS);
        }
        assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ d) PostgreSQL restarted under consent load

    @Test
    @Order(4)
    void postgresRestartedUnderConsentLoadLosesNoAcceptedConsent() throws Exception {
        String run = run();
        JsonNode form = currentForm();
        try (ConsentLoad load = new ConsentLoad("pg-" + run, form, 3)) {
            await().atMost(WAIT).until(() -> load.accepted() >= 50);
            stack.stopPostgres();
            int refusedBefore = load.refused().size();
            // the outage lasts until every client has been told, clearly, twice (each waits for the ledger's
            // write timeout, 20 s, before its 503)
            await().atMost(WAIT).until(() -> load.refused().size() >= refusedBefore + 6);
            stack.startPostgres();
            int acceptedAtRestart = load.accepted();
            await().atMost(WAIT).until(() -> load.accepted() >= acceptedAtRestart + 100);
            load.close();
            System.out.printf(
                    "FaultsIT: PostgreSQL restart under load: %d consents accepted, %d refused%n",
                    load.accepted(), load.refused().size());
            assertThat(load.refusals())
                    .as("a refusal is a 503 problem, never a 200 that is lost")
                    .allSatisfy(refusal -> assertThat(refusal).startsWith("503 application/problem+json"));
            assertConsentsRecordedAndPublishedOnce(load);
        }
        assertNothingLostNothingDoubled();
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
                opened.add(openRequest(Map.of(
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
                    .until(() -> queryInt(
                                            Service.NOTIFICATION,
                                            "select count(*) from outgoing_mail where status = 'PENDING'"
                                                    + " and recipient like ?",
                                            "smtp-" + run + "-%")
                                    == 20
                            && queryInt(
                                            Service.NOTIFICATION,
                                            "select min(attempts) from outgoing_mail where status = 'PENDING'")
                                    >= 2);
            assertThat(queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status = 'FAILED'"))
                    .isZero();
        } finally {
            stack.startSmtp();
        }
        await().atMost(WAIT).until(() -> opened.stream().allMatch(id -> "COMPLETED".equals(system.requestStatus(id))));
        for (String requestId : opened) {
            assertMailsOfRequest(requestId, ACCESS_MAILS);
        }
        assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ the whole system's books

    /**
     * Every outbox row of every service is published and on its topic exactly once (by event id); every mail row is
     * {@code SENT} and reached the SMTP server exactly once (by its Message-ID), but for a mail caught in flight by
     * a kill -9 of notification-service, which may have arrived twice; and no mail arrived that has no row.
     */
    private static void assertNothingLostNothingDoubled() {
        for (Service service : Service.values()) {
            await().atMost(WAIT)
                    .until(() ->
                            queryInt(service, "select count(*) from outbox_event where published_at is null") == 0);
            Map<String, List<String>> byTopic = new LinkedHashMap<>();
            try (Connection c = connect(service);
                    ResultSet rs = c.createStatement().executeQuery("select id::text, topic from outbox_event")) {
                while (rs.next()) {
                    byTopic.computeIfAbsent(rs.getString(2), t -> new ArrayList<>())
                            .add(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            byTopic.forEach((topic, ids) -> {
                Map<String, Integer> onTopic = new HashMap<>();
                for (ConsumerRecord<String, String> r : allRecords(topic)) {
                    String id = RunningSystem.header(r, "ce_id");
                    if (id != null) {
                        onTopic.merge(id, 1, Integer::sum);
                    }
                }
                Map<String, Integer> wrong = new LinkedHashMap<>();
                for (String id : ids) {
                    int n = onTopic.getOrDefault(id, 0);
                    if (n != 1) {
                        wrong.put(id, n);
                    }
                }
                assertThat(wrong)
                        .as("%s events of %s on %s not exactly once (id: times)", service, ids.size(), topic)
                        .isEmpty();
            });
        }

        await().atMost(WAIT)
                .until(() -> queryInt(Service.NOTIFICATION, "select count(*) from outgoing_mail where status <> 'SENT'")
                        == 0);
        await().atMost(Duration.ofSeconds(30)).until(() -> mail.openSessions() == 0);
        Set<String> rows = new HashSet<>(queryStrings(Service.NOTIFICATION, "select id::text from outgoing_mail"));
        Map<String, Integer> delivered = messageIdCounts();
        Map<String, Integer> wrong = new LinkedHashMap<>();
        for (String id : rows) {
            int n = delivered.getOrDefault(id, 0);
            if (n != (inFlightAtKill.contains(id) ? 2 : 1)) {
                wrong.put(id, n);
            }
        }
        assertThat(wrong).as("mails not delivered exactly once (id: times)").isEmpty();
        assertThat(delivered.keySet()).as("every mail received has its row").isSubsetOf(rows);
    }

    /** Each mail of the request, by template, as many times as given: rows, all SENT, each delivered. */
    private static void assertMailsOfRequest(String requestId, Map<String, Integer> expected) {
        await().atMost(WAIT)
                .until(() -> queryInt(
                                Service.NOTIFICATION,
                                "select count(*) from outgoing_mail where request_id = ?::uuid and status = 'SENT'",
                                requestId)
                        == expected.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum());
        Map<String, Integer> delivered = messageIdCounts();
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            List<String> ids = queryStrings(
                    Service.NOTIFICATION,
                    "select id::text from outgoing_mail where request_id = ?::uuid and template = ?",
                    requestId,
                    e.getKey());
            assertThat(ids).as("%s of %s", e.getKey(), requestId).hasSize(e.getValue());
            for (String id : ids) {
                assertThat(delivered.getOrDefault(id, 0))
                        .as("deliveries of %s %s", e.getKey(), id)
                        .isEqualTo(inFlightAtKill.contains(id) ? 2 : 1);
            }
        }
    }

    private static void assertConsentsRecordedAndPublishedOnce(ConsentLoad load) {
        Set<String> accepted = load.receipts();
        assertThat(accepted).hasSize(load.accepted());
        List<String> ledger = queryStrings(
                Service.CONSENT,
                "select id::text from consent_entry where kind = 'GRANTED' and visitor_id like ?",
                load.prefix + "%");
        assertThat(new HashSet<>(ledger)).as("ledger rows without duplicates").hasSize(ledger.size());
        assertThat(new HashSet<>(ledger))
                .as("the ledger holds exactly the accepted consents")
                .isEqualTo(accepted);
        Map<String, Integer> published = new HashMap<>();
        Pattern receipt = Pattern.compile("\"receiptId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        await().atMost(WAIT).untilAsserted(() -> {
            published.clear();
            for (ConsumerRecord<String, String> r : allRecords("consent-events")) {
                if ("consent.granted.v1".equals(RunningSystem.header(r, "ce_type"))) {
                    Matcher m = receipt.matcher(r.value());
                    if (m.find() && accepted.contains(m.group(1))) {
                        published.merge(m.group(1), 1, Integer::sum);
                    }
                }
            }
            assertThat(published.keySet()).isEqualTo(accepted);
        });
        assertThat(published.values()).as("consent.granted.v1 per receipt").containsOnly(1);
    }

    // ------------------------------------------------------------------ the flows, as users drive them

    private static String openTagDeletion(String tag) {
        return openRequest(Map.of("type", "DELETE", "tag", tag, "channel", "WEB_FORM"));
    }

    private static String openRequest(Map<String, Object> body) {
        RunningSystem.Response opened = system.call(
                "POST", Service.REQUEST, "/accounts/" + demo.accountId() + "/rights-requests", demo.agentToken(), body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("requestId").asText();
    }

    private static JsonNode job(String requestId) {
        try {
            RunningSystem.Response response = system.call(
                    "GET",
                    Service.DELETION,
                    "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId,
                    demo.ownerToken(),
                    null);
            return response.status() == 200 ? response.json() : null;
        } catch (RuntimeException e) {
            return null; // not listening (being restarted)
        }
    }

    private static JsonNode preview(String tag) {
        RunningSystem.Response response = system.call(
                "GET",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/tags/" + tag + "/deletion-preview",
                demo.agentToken(),
                null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static RunningSystem.Response chat(String chatId) {
        return system.call(
                "GET", Service.DELETION, "/accounts/" + demo.accountId() + "/chats/" + chatId, demo.ownerToken(), null);
    }

    private static RunningSystem.Response present(String requestId, String code) {
        return system.call(
                "POST",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/verification",
                demo.ownerToken(),
                Map.of("code", code));
    }

    private CompletableFuture<HttpResponse<String>> presentAsync(String requestId, String code) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(system.url(
                                Service.DELETION,
                                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/verification")))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + demo.ownerToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The code of the {@code n}-th code mail of this request. */
    private static String awaitCode(String requestId, int n) {
        List<MimeMessage> mails = await().atMost(WAIT)
                .until(
                        () -> mail.messagesTo(OWNER_ADDRESS).stream()
                                .filter(m -> Mails.subject(m).startsWith("Verification code"))
                                .filter(m -> Mails.raw(m).contains(requestId))
                                .toList(),
                        m -> m.size() >= n);
        Matcher matcher = CODE.matcher(Mails.raw(mails.get(n - 1)));
        assertThat(matcher.find()).as("a code in the mail").isTrue();
        return matcher.group(1);
    }

    private static JsonNode currentForm() {
        return await().atMost(WAIT)
                .until(
                        () -> system.callWithHeaders(
                                "GET",
                                Service.CONSENT,
                                "/widget/forms/current",
                                Map.of("X-Widget-Key", demo.widgetKey(), "Origin", ORIGIN),
                                null),
                        r -> r.status() == 200)
                .json();
    }

    /** {@code chat.archived.v1} as the chat platform sends it (CloudEvents binary mode, keyed by account). */
    private static ProducerRecord<String, String> chatArchived(String accountId, String chatId, List<String> tags) {
        Instant started = Instant.parse("2026-11-01T10:00:00Z");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("chatId", chatId);
        data.put("accountId", accountId);
        data.put("visitorId", "visitor-" + chatId);
        data.put("visitorEmail", chatId + "@example.com");
        data.put("visitorName", "Visitor " + chatId);
        data.put("agentIds", List.of("agent-1"));
        data.put("startedAt", started.toString());
        data.put("endedAt", started.plusSeconds(60).toString());
        data.put(
                "messages",
                List.of(Map.of(
                        "authorType",
                        "VISITOR",
                        "authorId",
                        "visitor-" + chatId,
                        "text",
                        "Where is my order?",
                        "sentAt",
                        started.plusSeconds(1).toString())));
        data.put("tags", tags);
        RecordHeaders headers = new RecordHeaders();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("ce_specversion", "1.0");
        attributes.put("ce_id", UUID.randomUUID().toString());
        attributes.put("ce_source", "/chat-platform");
        attributes.put("ce_type", "chat.archived.v1");
        attributes.put("ce_time", Instant.now().toString());
        attributes.put("ce_subject", chatId);
        attributes.put("ce_accountid", accountId);
        attributes.put("ce_schemaversion", "1.0");
        attributes.put("content-type", "application/json");
        attributes.forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return new ProducerRecord<>(
                    "chat-transcripts", null, accountId, RunningSystem.JSON.writeValueAsString(data), headers);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------ consent load

    /** Clients posting consents through the widget endpoint, one after another each, until closed. */
    private static final class ConsentLoad implements AutoCloseable {
        final String prefix;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Set<String> receipts = ConcurrentHashMap.newKeySet();
        private final AtomicInteger accepted = new AtomicInteger();
        private final ConcurrentLinkedQueue<String> refusals = new ConcurrentLinkedQueue<>();
        private final List<Thread> clients = new ArrayList<>();

        ConsentLoad(String prefix, JsonNode form, int clientCount) {
            this.prefix = prefix;
            List<String> consents = new ArrayList<>();
            form.path("consents").forEach(c -> consents.add(c.path("id").asText()));
            int version = form.path("version").asInt();
            for (int i = 0; i < clientCount; i++) {
                String client = prefix + "-" + i;
                Thread t = new Thread(() -> drive(client, version, consents), "consent-load-" + i);
                t.start();
                clients.add(t);
            }
        }

        private void drive(String client, int version, List<String> consents) {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            for (long seq = 0; running.get(); seq++) {
                String body;
                try {
                    body = RunningSystem.JSON.writeValueAsString(
                            Map.of("formVersion", version, "visitorId", client + "-" + seq, "consents", consents));
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(URI.create(stack.serviceUrl(Service.CONSENT) + "/widget/consents"))
                                    .timeout(Duration.ofSeconds(60))
                                    .header("Content-Type", "application/json")
                                    .header("X-Widget-Key", demo.widgetKey())
                                    .header("Origin", ORIGIN)
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 201) {
                        receipts.add(RunningSystem.JSON
                                .readTree(response.body())
                                .path("receiptId")
                                .asText());
                        accepted.incrementAndGet();
                    } else {
                        refusals.add(response.statusCode() + " "
                                + response.headers().firstValue("Content-Type").orElse("") + " "
                                + response.body().replaceAll("\\s+", " "));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    refusals.add("no answer: " + e);
                }
            }
        }

        int accepted() {
            return accepted.get();
        }

        Set<String> receipts() {
            return Set.copyOf(receipts);
        }

        List<String> refused() {
            return List.copyOf(refusals);
        }

        List<String> refusals() {
            return refused();
        }

        @Override
        public void close() {
            running.set(false);
            for (Thread t : clients) {
                try {
                    t.join(Duration.ofSeconds(90).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    // ------------------------------------------------------------------ reading the system's books

    private static Connection connect(Service service) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(service), stack.dbUser(), stack.dbPassword());
    }

    private static boolean postgresUp() {
        try (Connection c = connect(Service.CONSENT)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<String> queryStrings(Service service, String sql, Object... args) {
        try (Connection c = connect(service);
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int queryInt(Service service, String sql, Object... args) {
        List<String> values = queryStrings(service, sql, args);
        assertThat(values).as(sql).hasSize(1);
        return Integer.parseInt(values.get(0));
    }

    /** Every record of a topic, read from the beginning up to its end offsets. */
    private static List<ConsumerRecord<String, String>> allRecords(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end", topic).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }

    /** How often each mail (by the id in its Message-ID, {@code <id@domain>}) reached the SMTP server. */
    private static Map<String, Integer> messageIdCounts() {
        Map<String, Integer> counts = new HashMap<>();
        for (MimeMessage m : mail.messages()) {
            try {
                String id = m.getMessageID();
                if (id != null) {
                    counts.merge(id.replaceAll("^<|@.*$", ""), 1, Integer::sum);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return counts;
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
