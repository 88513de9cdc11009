package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/** The demo account's flows as its agents, its owner and its chat platform drive them, against a running system. */
final class DemoFlows {

    static final String OWNER_ADDRESS = "owner@demo.example";
    /** The mails of an access request: its receipt, the copy, the completion notice. */
    static final Map<String, Integer> ACCESS_MAILS =
            Map.of("RECEIPT_CONFIRMATION", 1, "ACCESS_EXPORT", 1, "COMPLETION_NOTICE", 1);

    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8,18})");

    private final RunningSystem system;
    private final DemoCredentials demo;
    private final MailServer mail;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoFlows(RunningSystem system) {
        this.system = system;
        this.demo = system.demo();
        this.mail = system.stack().mail().orElseThrow();
    }

    DemoCredentials demo() {
        return demo;
    }

    String openTagDeletion(String tag) {
        return openRequest(Map.of("type", "DELETE", "tag", tag, "channel", "WEB_FORM"));
    }

    String openRequest(Map<String, Object> body) {
        RunningSystem.Response opened = system.call(
                "POST", Service.REQUEST, "/accounts/" + demo.accountId() + "/rights-requests", demo.agentToken(), body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("requestId").asText();
    }

    /** Waits until every one of these requests is completed, as request-service shows it to an agent. */
    void awaitCompleted(List<String> requestIds) {
        await().atMost(Books.WAIT)
                .until(() -> requestIds.stream().allMatch(id -> "COMPLETED".equals(system.requestStatus(id))));
    }

    /** The deletion job of a request, or null while there is none or deletion-service does not answer. */
    JsonNode job(String requestId) {
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

    JsonNode preview(String tag) {
        RunningSystem.Response response = system.call(
                "GET",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/tags/" + tag + "/deletion-preview",
                demo.agentToken(),
                null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    RunningSystem.Response chat(String chatId) {
        return system.call(
                "GET", Service.DELETION, "/accounts/" + demo.accountId() + "/chats/" + chatId, demo.ownerToken(), null);
    }

    RunningSystem.Response present(String requestId, String code) {
        return system.call(
                "POST",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/verification",
                demo.ownerToken(),
                Map.of("code", code));
    }

    /** Presents the code without waiting for the answer (the call waits for the purge, up to 30 s). */
    CompletableFuture<HttpResponse<String>> presentAsync(String requestId, String code) {
        return presentAsync(0, requestId, code);
    }

    /** Presents the code to one replica of deletion-service, without waiting for the answer. */
    CompletableFuture<HttpResponse<String>> presentAsync(int replica, String requestId, String code) {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(system.stack().serviceUrl(Service.DELETION, replica) + "/accounts/"
                                + demo.accountId() + "/deletion-requests/" + requestId + "/verification"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + demo.ownerToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The chat platform's producer: idempotent, every record acknowledged by all replicas of its partition. */
    static KafkaProducer<String, String> chatPlatformProducer(Stack stack) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** The code of the {@code n}-th code mail of this request. */
    String awaitCode(String requestId, int n) {
        List<MimeMessage> mails = await().atMost(Books.WAIT)
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

    /** The widget's current pre-chat form. */
    JsonNode currentForm() {
        return await().atMost(Books.WAIT)
                .until(
                        () -> system.callWithHeaders(
                                "GET",
                                Service.CONSENT,
                                "/widget/forms/current",
                                Map.of("X-Widget-Key", demo.widgetKey(), "Origin", ConsentLoad.ORIGIN),
                                null),
                        r -> r.status() == 200)
                .json();
    }

    /** {@code chat.archived.v1} as the chat platform sends it (CloudEvents binary mode, keyed by account). */
    static ProducerRecord<String, String> chatArchived(String accountId, String chatId, List<String> tags) {
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
}
