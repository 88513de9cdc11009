package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Jurisdiction rule packs on the packaged request-service: a Virginia request counts by Virginia's pack, a right
 * Virginia does not grant is refused, a declined Colorado request is appealed and the decline reversed (both
 * announced on {@code request-events}), and California grants no appeal.
 */
@Order(6)
class JurisdictionsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static RunningSystem system;
    private static DemoCredentials demo;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        demo = system.demo();
    }

    @Test
    void aVirginiaRequestGetsItsPacksClocks() {
        String run = run();
        RunningSystem.Response opened = open(Map.of(
                "type", "OPT_OUT", "subjectVisitorId", "va-" + run, "channel", "WEB_FORM", "jurisdiction", "VA"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        JsonNode request = opened.json();
        assertThat(request.get("jurisdiction").asText()).isEqualTo("VA");
        Instant received = Instant.parse(request.get("receivedAt").asText());
        // Virginia: 45 calendar days for every request, an opt-out too (California's would be 15 business days)
        assertThat(Instant.parse(request.get("dueAt").asText())).isEqualTo(received.plus(Duration.ofDays(45)));
        assertThat(request.get("daysLeft").asInt()).isEqualTo(45);
        assertThat(request.has("businessDaysLeft")).isFalse();
        // and the pack is public
        RunningSystem.Response pack = system.call("GET", Service.REQUEST, "/jurisdictions/VA", null, null);
        assertThat(pack.status()).as(pack.body()).isEqualTo(200);
        assertThat(pack.json().at("/appeal/decision/days").asInt()).isEqualTo(60);
        assertThat(pack.json().at("/appeal/citation").asText()).isEqualTo("Va. Code §59.1-577");
    }

    @Test
    void limitIsRefusedInVirginia() {
        RunningSystem.Response refused = open(Map.of(
                "type", "LIMIT", "subjectVisitorId", "vl-" + run(), "channel", "WEB_FORM", "jurisdiction", "VA"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).endsWith("right-not-granted");
        assertThat(refused.json().at("/violations/0/field").asText()).isEqualTo("type");
    }

    @Test
    void aDeclinedColoradoRequestIsAppealedAndReversedOnRequestEvents() {
        String run = run();
        String requestId = declined("CO", "co-" + run + "@example.com");

        RunningSystem.Response appealed = call(
                "POST",
                requestId + "/appeal",
                demo.agentToken(),
                Map.of("statement", "I was never asked about a hold on my chats."));
        assertThat(appealed.status()).as(appealed.body()).isEqualTo(200);
        assertThat(appealed.json().at("/appeal/dueAt").isTextual()).isTrue();

        RunningSystem.Response reversed = call(
                "POST",
                requestId + "/appeal/decision",
                demo.ownerToken(),
                Map.of("decision", "REVERSED", "explanation", "The hold ended; your request will be carried out."));
        assertThat(reversed.status()).as(reversed.body()).isEqualTo(200);
        assertThat(reversed.json().get("status").asText()).isEqualTo("OPEN");

        List<ConsumerRecord<String, String>> events = await().atMost(WAIT)
                .until(
                        () -> system.readTopic("request-events", Duration.ofSeconds(2)).stream()
                                .filter(r -> requestId.equals(RunningSystem.header(r, "ce_subject")))
                                .toList(),
                        found -> found.stream()
                                .anyMatch(r -> "request.appeal-decided.v1".equals(RunningSystem.header(r, "ce_type"))));
        assertThat(events.stream().map(r -> RunningSystem.header(r, "ce_type")))
                .containsSubsequence(
                        "request.opened.v1",
                        "request.declined.v1",
                        "request.appeal-received.v1",
                        "request.appeal-decided.v1");
        JsonNode decided = events.stream()
                .filter(r -> "request.appeal-decided.v1".equals(RunningSystem.header(r, "ce_type")))
                .map(r -> readTree(r.value()))
                .findFirst()
                .orElseThrow();
        assertThat(decided.get("decision").asText()).isEqualTo("REVERSED");
        assertThat(decided.get("jurisdiction").asText()).isEqualTo("CO");
        assertThat(decided.get("citation").asText()).isEqualTo("C.R.S. §6-1-1306");
    }

    @Test
    void californiaRefusesAnAppeal() {
        String requestId = declined("CA", "ca-" + run() + "@example.com");
        RunningSystem.Response refused =
                call("POST", requestId + "/appeal", demo.agentToken(), Map.of("statement", "Please reconsider."));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().get("type").asText()).endsWith("appeal-not-available");
        RunningSystem.Response request = call("GET", requestId, demo.agentToken(), null);
        assertThat(request.json().get("status").asText()).isEqualTo("DECLINED");
        assertThat(request.json().has("appeal")).isFalse();
    }

    private static String declined(String jurisdiction, String email) {
        RunningSystem.Response opened =
                open(Map.of("type", "ACCESS", "subjectEmail", email, "channel", "EMAIL", "jurisdiction", jurisdiction));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        String requestId = opened.json().get("requestId").asText();
        RunningSystem.Response declined = call(
                "POST",
                requestId + "/decline",
                demo.ownerToken(),
                Map.of("reason", "LEGAL_HOLD", "note", "A litigation hold covers these chats."));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        return requestId;
    }

    private static RunningSystem.Response open(Map<String, Object> body) {
        return system.call(
                "POST", Service.REQUEST, "/accounts/" + demo.accountId() + "/rights-requests", demo.agentToken(), body);
    }

    private static RunningSystem.Response call(String method, String path, String token, Object body) {
        return system.call(
                method, Service.REQUEST, "/accounts/" + demo.accountId() + "/rights-requests/" + path, token, body);
    }

    private static JsonNode readTree(String json) {
        try {
            return RunningSystem.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
