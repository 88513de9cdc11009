package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two replicas of every service: the shared system gets a second instance of each (same databases, same consumer
 * groups, ports of their own), as {@code ./run.sh --replicas=2} runs them. The replicas share the topics' partitions;
 * a replica killed with SIGKILL under load (a rebalance twice over, a relay gone in the middle of a batch) loses
 * nothing; a purge, its receipt, its completion event and its mails happen once, whichever replica does the work.
 * The second replicas are stopped at the end, so that {@link FaultsIT} finds the one-replica system.
 */
@Order(97)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final Duration WAIT = Books.WAIT;
    private static final Pattern METRIC = Pattern.compile("^(\\w+)\\{([^}]*)\\} ([0-9.eE+-]+)$", Pattern.MULTILINE);

    private static Stack stack;
    private static RunningSystem system;
    private static DemoCredentials demo;
    private static Books books;
    private static DemoFlows flows;
    private static KafkaProducer<String, String> producer;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        stack = system.stack();
        demo = system.demo();
        books = new Books(stack);
        flows = new DemoFlows(system);
        long t0 = System.nanoTime();
        // the second replicas start side by side, as a scheduler would start them
        CompletableFuture.allOf(List.of(Service.values()).stream()
                        .map(s -> CompletableFuture.runAsync(() -> stack.startService(s, 1)))
                        .toArray(CompletableFuture[]::new))
                .join();
        System.out.printf("ScaleOutIT: a second replica of each service ready in %d ms%n", millisSince(t0));
        producer = DemoFlows.chatPlatformProducer(stack);
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (stack != null) {
            CompletableFuture.allOf(List.of(Service.values()).stream()
                            .map(s -> CompletableFuture.runAsync(() -> {
                                stack.stopService(s, 1);
                                if (!stack.service(s).isAlive()) {
                                    stack.startService(s);
                                }
                            }))
                            .toArray(CompletableFuture[]::new))
                    .join();
        }
    }

    @Test
    @Order(1)
    void theReplicasShareThePartitionsOfEveryTopicTheyConsume() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin admin = Admin.create(props)) {
            for (Service service : Service.values()) {
                String group = service.module(); // the consumer group is the application's name
                Map<String, Set<String>> membersByTopic = await().atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () -> membersByTopic(admin, group),
                                byTopic -> !byTopic.isEmpty()
                                        && byTopic.values().stream().allMatch(members -> members.size() >= 2));
                System.out.printf("ScaleOutIT: %s shares %s%n", group, membersByTopic.keySet());
            }
        }
    }

    @Test
    @Order(2)
    void aReplicaKilledWhileChatsPourInLosesNoneAndThePurgeHappensOnce() throws Exception {
        String run = run();
        String tag = "Scale" + run;
        int chats = 3_000;
        try (ConsentLoad load = new ConsentLoad(
                "scale-" + run,
                flows.currentForm(),
                demo.widgetKey(),
                2,
                () -> List.of(stack.serviceUrl(Service.CONSENT, 0), stack.serviceUrl(Service.CONSENT, 1)),
                false)) {
            // the demo account's chats share one partition (keyed by account, in order): one replica ingests them;
            // it dies in the middle of its batches, the other takes the partition over, the first comes back
            double[] before = {ingested(0), ingested(1)};
            CompletableFuture<Void> restarted = null;
            for (int i = 0; i < chats; i++) {
                producer.send(DemoFlows.chatArchived(demo.accountId(), "scale-" + run + "-" + i, List.of(tag)));
                if (i == chats / 3) {
                    producer.flush();
                    await().atMost(WAIT).until(() -> ingested(0) > before[0] || ingested(1) > before[1]);
                    int killed = ingested(1) > before[1] ? 1 : 0;
                    stack.killService(Service.DELETION, killed);
                    books.eventsMayRepeat(Service.DELETION);
                    System.out.printf("ScaleOutIT: deletion-service replica %d killed while ingesting%n", killed);
                    // it comes back while the rest pours in: a second rebalance under load
                    restarted = CompletableFuture.runAsync(() -> stack.startService(Service.DELETION, killed));
                }
            }
            producer.flush();
            restarted.join();
            await().atMost(WAIT)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> flows.preview(tag).path("chats").asLong() == chats);
            assertThat(books.queryInt(
                            Service.DELETION,
                            "select count(*) from chat where account_id = ?::uuid and external_id like ?",
                            demo.accountId(),
                            "scale-" + run + "-%"))
                    .as("each chat in the vault once")
                    .isEqualTo(chats);

            // the code goes out once; presented to the other replica, the purge runs once
            String requestId = flows.openTagDeletion(tag);
            String code = flows.awaitCode(requestId, 1);
            HttpResponse<String> authorised =
                    flows.presentAsync(1, requestId, code).join();
            assertThat(authorised.statusCode()).as(authorised.body()).isIn(200, 202);
            await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(requestId)));
            JsonNode job = flows.job(requestId);
            assertThat(job.path("chatsDeleted").asInt()).isEqualTo(chats);
            String jobId = job.path("jobId").asText();
            assertThat(books.queryInt(
                            Service.DELETION,
                            "select count(*) from purge_receipt where request_id = ?::uuid",
                            requestId))
                    .isEqualTo(1);
            assertThat(books.queryInt(
                            Service.DELETION, "select count(*) from purged_item where job_id = ?::uuid", jobId))
                    .as("one tombstone per chat")
                    .isEqualTo(chats);
            List<ConsumerRecord<String, String>> completed = books.allRecords("deletion-events").stream()
                    .filter(r -> "deletion.purge-completed.v1".equals(RunningSystem.header(r, "ce_type")))
                    .filter(r -> r.value().contains(jobId))
                    .toList();
            assertThat(completed).as("purge-completed events of the job").hasSize(1);
            books.assertMailsOfRequest(requestId, Map.of("VERIFICATION_CODE", 1, "PURGE_CONFIRMATION", 1));

            load.close();
            assertThat(load.refusals()).as("answers other than 201").isEmpty();
            assertThat(load.accepted()).isPositive();
            books.assertConsentsRecordedAndPublished(load);
        }
        books.assertNothingLostNothingDoubled();
    }

    @Test
    @Order(3)
    void theOutboxIsRelayedByTheSurvivorWhenAReplicaDiesUnderLoad() throws Exception {
        String run = run();
        Set<Integer> alive = java.util.concurrent.ConcurrentHashMap.newKeySet();
        alive.addAll(List.of(0, 1));
        try (ConsentLoad load = new ConsentLoad(
                "relay-" + run,
                flows.currentForm(),
                demo.widgetKey(),
                4,
                () -> alive.stream()
                        .sorted()
                        .map(i -> stack.serviceUrl(Service.CONSENT, i))
                        .toList(),
                true)) {
            // both replicas relay (each batch under the lock whichever takes it), then one dies with rows of its own
            // written and maybe a batch in flight
            await().atMost(WAIT).until(() -> published(1) > 0 && published(0) > 0 && load.accepted() >= 500);
            alive.remove(1);
            stack.killService(Service.CONSENT, 1);
            books.eventsMayRepeat(Service.CONSENT);
            double before = published(0);
            int acceptedAtKill = load.accepted();
            await().atMost(WAIT).until(() -> load.accepted() >= acceptedAtKill + 500);
            load.close();
            System.out.printf(
                    "ScaleOutIT: %d consents accepted, %d calls unanswered when consent-service's second replica died;"
                            + " the survivor relayed %.0f events since%n",
                    load.accepted(), load.unanswered(), published(0) - before);
            assertThat(load.refusals()).as("answers other than 201").isEmpty();
            // nothing left behind by the dead replica: the survivor relays its rows too
            await().atMost(WAIT)
                    .until(() -> books.queryInt(
                                    Service.CONSENT, "select count(*) from outbox_event where published_at is null")
                            == 0);
            books.assertConsentsRecordedAndPublished(load);
        }
        books.assertNothingLostNothingDoubled();
    }

    @Test
    @Order(4)
    void mailGoesOutOnceWhileBothReplicasSend() {
        String run = run();
        double sentBefore0 = mailsSent(0);
        double sentBefore1 = mailsSent(1);
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            opened.add(flows.openRequest(Map.of(
                    "type", "ACCESS", "subjectEmail", "twice-" + run + "-" + i + "@example.com", "channel", "EMAIL")));
        }
        flows.awaitCompleted(opened);
        for (String requestId : opened) {
            books.assertMailsOfRequest(requestId, DemoFlows.ACCESS_MAILS);
        }
        double by0 = mailsSent(0) - sentBefore0;
        double by1 = mailsSent(1) - sentBefore1;
        System.out.printf("ScaleOutIT: 72 mails, %.0f sent by the first replica, %.0f by the second%n", by0, by1);
        assertThat(by0 + by1).as("mails sent by the two replicas together").isEqualTo(72);
        assertThat(by0).as("the first replica sent some").isPositive();
        assertThat(by1).as("the second replica sent some").isPositive();
        books.assertNothingLostNothingDoubled();
    }

    // ------------------------------------------------------------------ helpers

    /** Topic → the members of the group that hold at least one of its partitions. */
    private static Map<String, Set<String>> membersByTopic(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description =
                admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        Map<String, Set<String>> byTopic = new HashMap<>();
        for (MemberDescription member : description.members()) {
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                byTopic.computeIfAbsent(tp.topic(), t -> new HashSet<>()).add(member.consumerId());
            }
        }
        return byTopic;
    }

    /** Chats a deletion-service replica has taken into the vault (its {@code vault_ingest_total} created). */
    private double ingested(int replica) {
        return metric(Service.DELETION, replica, "vault_ingest_total", "outcome=\"created\"");
    }

    /** Events a consent-service replica's relay has published to consent-events. */
    private double published(int replica) {
        return metric(Service.CONSENT, replica, "outbox_events_published_total", "topic=\"consent-events\"");
    }

    private double mailsSent(int replica) {
        return metric(Service.NOTIFICATION, replica, "notification_mails_sent_total", "");
    }

    /** The sum of a counter's series whose labels contain {@code labels}, as a replica's /q/metrics shows it. */
    private double metric(Service service, int replica, String name, String labels) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(stack.managementUrl(service, replica) + "/q/metrics"))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            double sum = 0;
            Matcher m = METRIC.matcher(response.body());
            while (m.find()) {
                if (m.group(1).equals(name) && m.group(2).contains(labels)) {
                    sum += Double.parseDouble(m.group(3));
                }
            }
            return sum;
        } catch (java.io.IOException e) {
            return 0; // not listening (killed or starting)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
