package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The packaged system starts, every service is ready, and accounts are kept apart end to end. */
@Order(1)
class FoundationIT {

    private static RunningSystem system;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
    }

    @Test
    void everyServiceIsReadyWithItsRealDependencies() {
        for (Service service : Service.values()) {
            RunningSystem.Response ready = system.management(service, "/q/health/ready");
            assertThat(ready.status()).as(service.module()).isEqualTo(200);
            JsonNode health = ready.json();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.findValuesAsText("name"))
                    .contains("Database connections health check", "Kafka connection health check");
            assertThat(system.call("GET", service, "/q/openapi?format=json", null, null)
                            .status())
                    .isEqualTo(200);
            assertThat(system.management(service, "/q/metrics").body()).contains("jvm_memory_used_bytes");
            // operators' endpoints stay off the public port
            assertThat(system.call("GET", service, "/q/health/ready", null, null)
                            .status())
                    .isEqualTo(404);
        }
    }

    @Test
    void aTokenOfOneAccountGetsForbiddenOnAnothersAndNoTokenIsUnauthorized() {
        DemoCredentials demo = system.demo();
        String otherAccount = register("Other Shop", "owner@other.example");

        RunningSystem.Response own =
                system.call("GET", Service.REQUEST, "/accounts/" + demo.accountId(), demo.ownerToken(), null);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().get("name").asText()).isEqualTo("Demo Shop");

        RunningSystem.Response foreign =
                system.call("GET", Service.REQUEST, "/accounts/" + otherAccount, demo.ownerToken(), null);
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.json().get("status").asInt()).isEqualTo(403);
        assertThat(foreign.body()).doesNotContain("Other Shop", "owner@other.example");

        RunningSystem.Response anonymous = system.call("GET", Service.REQUEST, "/accounts/" + otherAccount, null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aRegisteredAccountIsAnnouncedOnTheCompactedTopicWithoutItsWidgetKey() {
        String accountId = register("Announced Shop", "owner@announced.example");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> records = system.readTopic("account-events", Duration.ofSeconds(2));
            ConsumerRecord<String, String> event = records.stream()
                    .filter(r -> accountId.equals(r.key()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no account event yet"));
            assertThat(RunningSystem.header(event, "ce_type")).isEqualTo("account.registered.v1");
            assertThat(RunningSystem.header(event, "ce_source")).isEqualTo("/request-service");
            assertThat(event.value()).doesNotContain("wk_");
        });
    }

    private static String register(String name, String ownerEmail) {
        RunningSystem.Response created = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                system.stack().jwt().adminToken(),
                Map.of("name", name, "ownerEmail", ownerEmail, "allowedOrigins", List.of("https://x.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("accountId").asText();
    }
}
