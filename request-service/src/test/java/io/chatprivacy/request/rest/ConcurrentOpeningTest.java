package io.chatprivacy.request.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Openings of the same consumer's request arriving at once, and racing the events that other services
 * report about the first one: one request, every repeat linked to it (200, never a 5xx), and a timeline
 * numbered 1, 2, 3, … without a gap or a collision.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class ConcurrentOpeningTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TestHTTPResource("/")
    URI base;

    @Inject
    AccountService accountService;

    @Inject
    RightsRequestRepository requests;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private final HttpClient http = HttpClient.newHttpClient();
    private ExecutorService pool;
    private UUID accountId;
    private String agent;

    /** One HTTP answer: its status and its JSON body (null when there is none). */
    record Answer(int status, JsonNode body) {

        String requestId() {
            return body == null || !body.hasNonNull("requestId")
                    ? null
                    : body.get("requestId").asText();
        }

        boolean duplicate() {
            return body != null && body.path("duplicate").asBoolean(false);
        }
    }

    @BeforeEach
    void registerAccount() {
        accountId = accountService
                .register("Busy Shop", "owner@busy.example", List.of())
                .account()
                .id();
        agent = TestTokens.token(accountId, "agent");
        pool = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void sixteenIdenticalOpeningsAtOnceMakeOneRequestAndFifteenLinks() throws Exception {
        List<Answer> answers = together(16, i -> () -> open(deletion("race@example.com", "EMAIL")));

        assertThat(answers).extracting(Answer::status).doesNotContain(500, 502, 503, 504);
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        String first = answers.stream()
                .filter(a -> a.status() == 201)
                .findFirst()
                .orElseThrow()
                .requestId();
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(15).allSatisfy(a -> {
            assertThat(a.duplicate()).isTrue();
            assertThat(a.requestId()).isEqualTo(first);
        });
        assertThat(requestsInAccount()).isEqualTo(1);
        assertThat(seqs(first)).isEqualTo(oneTo(16));
        assertThat(kinds(first))
                .containsOnlyOnce("OPENED")
                .filteredOn("DUPLICATE_RECEIVED"::equals)
                .hasSize(15);
    }

    @Test
    void repeatsRacingTheOtherServicesEventsAreLinkedAndTheTimelineStaysNumberedInOrder() throws Exception {
        Answer opened = open(deletion("busy@example.com", "EMAIL"));
        assertThat(opened.status()).isEqualTo(201);
        UUID requestId = UUID.fromString(opened.requestId());

        // deletion-service's codes and locks, notification-service's mail outcomes: each is a timeline entry
        List<ProducerRecord<String, String>> deletionEvents = new ArrayList<>();
        List<ProducerRecord<String, String>> notificationEvents = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            UUID job = UUID.randomUUID();
            deletionEvents.add(deletionEvent("deletion.verification-issued.v1", requestId, job));
            deletionEvents.add(deletionEvent("deletion.job-locked.v1", requestId, job));
            notificationEvents.add(notificationEvent(
                    i % 2 == 0 ? "notification.sent.v1" : "notification.failed.v1", requestId, UUID.randomUUID()));
        }
        Set<String> eventIds = new java.util.HashSet<>();
        deletionEvents.forEach(r -> eventIds.add(ceId(r)));
        notificationEvents.forEach(r -> eventIds.add(ceId(r)));

        // repeats of the request, in every case, from eight agents until the events are all in
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> repeaters = new ArrayList<>();
        String[] variants = {"busy@example.com", "Busy@Example.com", "BUSY@EXAMPLE.COM"};
        for (int t = 0; t < 8; t++) {
            String body = deletion(variants[t % variants.length], "CHAT");
            repeaters.add(pool.submit(() -> {
                while (!stop.get()) {
                    answers.add(open(body));
                }
                return null;
            }));
        }
        await().atMost(WAIT).until(() -> answers.size() >= 8);
        kafka.produce(String.class, String.class).fromRecords(deletionEvents).awaitCompletion();
        kafka.produce(String.class, String.class)
                .fromRecords(notificationEvents)
                .awaitCompletion();
        try {
            await().atMost(WAIT).until(() -> entriesFrom(requestId, eventIds) == eventIds.size());
        } finally {
            stop.set(true);
            for (Future<?> repeater : repeaters) {
                repeater.get(30, TimeUnit.SECONDS);
            }
        }

        List<Answer> all = List.copyOf(answers);
        assertThat(all).extracting(Answer::status).containsOnly(200);
        assertThat(all).allSatisfy(a -> {
            assertThat(a.duplicate()).isTrue();
            assertThat(a.requestId()).isEqualTo(requestId.toString());
        });
        assertThat(requestsInAccount()).isEqualTo(1);
        // every event applied once, every repeat recorded once, numbered 1..n with no gap or repeat
        assertThat(entriesFrom(requestId, eventIds)).isEqualTo(eventIds.size());
        List<String> kinds = kinds(requestId.toString());
        assertThat(kinds).filteredOn("DUPLICATE_RECEIVED"::equals).hasSize(all.size());
        assertThat(seqs(requestId.toString())).isEqualTo(oneTo(1 + eventIds.size() + all.size()));
    }

    @Test
    void anAddressInAnyCaseIsOneConsumerAndOtherConsumersGetRequestsOfTheirOwn() throws Exception {
        String[] variants = {"Alice@Example.com", "alice@example.com", "ALICE@EXAMPLE.COM", "aLiCe@eXaMpLe.CoM"};
        List<Answer> alice = together(12, i -> () -> open(deletion(variants[i % variants.length], "EMAIL")));
        assertThat(alice).extracting(Answer::status).doesNotContain(500, 502, 503, 504);
        assertThat(alice).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(alice)
                .extracting(Answer::requestId)
                .containsOnly(alice.get(0).requestId());
        assertThat(alice.get(0).body().get("subjectEmail").asText()).isEqualTo("alice@example.com");

        // a visitor id links a repeat that adds an address; another right, address or visitor is its own request
        List<Answer> others = together(
                8,
                i -> () -> open(
                        i % 2 == 0
                                ? "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-race\",\"channel\":\"CHAT\"}"
                                : "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-race\","
                                        + "\"subjectEmail\":\"Alice@Example.com\",\"channel\":\"CHAT\"}"));
        assertThat(others).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(others).filteredOn(a -> a.status() == 200).hasSize(7);
        assertThat(others)
                .extracting(Answer::requestId)
                .containsOnly(others.get(0).requestId());

        List<Answer> separate = together(
                4,
                i -> () -> open(
                        switch (i) {
                            case 0 -> deletion("bob@example.com", "EMAIL");
                            case 1 -> deletion("alice@example.org", "EMAIL");
                            case 2 ->
                                "{\"type\":\"ACCESS\",\"subjectEmail\":\"ALICE@example.com\",\"channel\":\"EMAIL\"}";
                            default -> "{\"type\":\"LIMIT\",\"subjectVisitorId\":\"v-other\",\"channel\":\"CHAT\"}";
                        }));
        assertThat(separate).extracting(Answer::status).containsOnly(201);
        assertThat(separate).extracting(Answer::requestId).doesNotHaveDuplicates();
        assertThat(requestsInAccount()).isEqualTo(6);
    }

    @Test
    void anOpeningUnderWayHoldsUpOnlyTheSameConsumersRepeatsOfTheSameRight() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // another transaction is opening carol@example.com's deletion: it holds her lock until it ends
        Future<?> underWay = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            requests.lockSubject(accountId, RequestType.DELETE, "carol@example.com", null);
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();

        Future<Answer> carol = pool.submit(() -> open(deletion("Carol@Example.COM", "WEB_FORM")));
        await().atMost(WAIT).until(() -> waitingAdvisoryLocks() == 1);
        // meanwhile other consumers, and carol's other rights, are opened at once
        assertThat(open(deletion("dave@example.com", "EMAIL")).status()).isEqualTo(201);
        assertThat(open("{\"type\":\"ACCESS\",\"subjectEmail\":\"carol@example.com\",\"channel\":\"EMAIL\"}")
                        .status())
                .isEqualTo(201);
        assertThat(carol.isDone()).isFalse();
        assertThat(waitingAdvisoryLocks()).isEqualTo(1);

        release.countDown();
        underWay.get(30, TimeUnit.SECONDS);
        Answer first = carol.get(60, TimeUnit.SECONDS);
        assertThat(first.status()).isEqualTo(201);
        Answer repeat = open(deletion("CAROL@example.com", "CHAT"));
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.duplicate()).isTrue();
        assertThat(repeat.requestId()).isEqualTo(first.requestId());
    }

    /**
     * Runs {@code n} tasks released together through a latch; their answers. As many reads go first, so
     * the pool holds a connection for each: the pool opens new connections one at a time, which would
     * space the tasks out and hide a race.
     */
    private List<Answer> together(int n, IntFunction<Callable<Answer>> task) throws Exception {
        assertThat(released(n, i -> this::list)).extracting(Answer::status).containsOnly(200);
        return released(n, task);
    }

    private List<Answer> released(int n, IntFunction<Callable<Answer>> task) throws Exception {
        CountDownLatch ready = new CountDownLatch(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Callable<Answer> call = task.apply(i);
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get(60, TimeUnit.SECONDS));
        }
        return answers;
    }

    private Answer list() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/accounts/" + accountId + "/rights-requests"))
                        .header("Authorization", "Bearer " + agent)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), null);
    }

    private Answer open(String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/accounts/" + accountId + "/rights-requests"))
                        .header("Authorization", "Bearer " + agent)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : mapper.readTree(response.body()));
    }

    private static String deletion(String email, String channel) {
        return "{\"type\":\"DELETE\",\"subjectEmail\":\"" + email + "\",\"channel\":\"" + channel + "\"}";
    }

    private ProducerRecord<String, String> deletionEvent(String type, UUID requestId, UUID jobId) {
        return GoldenEvent.load("deletion-events", type)
                .withAttributes(attributes(jobId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "jobId", jobId.toString()))
                .toRecord();
    }

    private ProducerRecord<String, String> notificationEvent(String type, UUID requestId, UUID notificationId) {
        return GoldenEvent.load("notification-events", type)
                .withAttributes(attributes(notificationId))
                .withData(Map.of(
                        "requestId", requestId.toString(),
                        "accountId", accountId.toString(),
                        "notificationId", notificationId.toString()))
                .toRecord();
    }

    private Map<String, String> attributes(UUID subject) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("accountid", accountId.toString());
        attributes.put("partitionkey", accountId.toString());
        attributes.put("subject", subject.toString());
        return attributes;
    }

    private static String ceId(ProducerRecord<String, String> record) {
        return new String(record.headers().lastHeader("ce_id").value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Transactions of this database waiting for an advisory lock (the outbox relay only ever tries its own). */
    private long waitingAdvisoryLocks() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from pg_locks where locktype = 'advisory' and not granted"
                                + " and database = (select oid from pg_database where datname = current_database())");
                ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    private long requestsInAccount() throws SQLException {
        return single("select count(*) from rights_request where account_id = ?", accountId);
    }

    /** How many timeline entries of the request these events caused. */
    private long entriesFrom(UUID requestId, Set<String> eventIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select count(*) from rights_request_timeline where request_id = ? and source_event_id = any(?)")) {
            query.setObject(1, requestId);
            query.setArray(2, connection.createArrayOf("varchar", eventIds.toArray()));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private List<Integer> seqs(String requestId) throws SQLException {
        List<Integer> seqs = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select seq from rights_request_timeline where request_id = ? order by seq")) {
            query.setObject(1, UUID.fromString(requestId));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    seqs.add(result.getInt(1));
                }
            }
        }
        return seqs;
    }

    private List<String> kinds(String requestId) throws SQLException {
        List<String> kinds = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select kind from rights_request_timeline where request_id = ? order by seq")) {
            query.setObject(1, UUID.fromString(requestId));
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    kinds.add(result.getString(1));
                }
            }
        }
        return kinds;
    }

    private long single(String sql, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static List<Integer> oneTo(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }
}
