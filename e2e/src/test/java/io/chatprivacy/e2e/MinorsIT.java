package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Minors through the packaged services (Cal. Civ. Code §1798.120(c), (d); 11 CCR §7070, §7071): a visitor known to
 * be under 16 is not sold or shared until an opt-in, their own at 13 to 15, a parent's recorded by the owner under
 * 13 (the child's own refused); GPC wins over any opt-in; and {@code consent-events} says so to every consumer.
 */
@Order(7)
class MinorsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, String> OPT_IN = Map.of("scope", "SALE_SHARING");

    private static RunningSystem system;
    private static DemoCredentials demo;
    private static Books books;
    private static int formVersion;
    private static List<String> required;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        demo = system.demo();
        books = new Books(system.stack());
        // the stack publishes the demo form once consent-service knows the demo account
        await().atMost(WAIT)
                .until(() -> widget("GET", "/widget/forms/current", null).status() == 200);
        JsonNode form = widget("GET", "/widget/forms/current", null).json();
        formVersion = form.get("version").asInt();
        required = new ArrayList<>();
        form.get("consents").forEach(c -> {
            if (c.get("required").asBoolean()) {
                required.add(c.get("id").asText());
            }
        });
        assertThat(required).as("the demo form's required consents").isNotEmpty();
    }

    @Test
    void aVisitorOf13To15IsNotSellableUntilTheirOwnOptInAndGpcWins() throws Exception {
        String visitor = "vm-" + UUID.randomUUID();
        Map<String, Object> consent = new HashMap<>(
                Map.of("formVersion", formVersion, "visitorId", visitor, "consents", required, "ageBand", "13_TO_15"));
        RunningSystem.Response granted = widget("POST", "/widget/consents", consent);
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);

        JsonNode before = status(visitor);
        assertThat(before.get("saleSharingAllowed").asBoolean()).isFalse();
        assertThat(before.get("saleSharingReason").asText()).isEqualTo("MINOR_NO_OPT_IN");
        assertThat(before.get("optedOut").asBoolean()).isFalse();
        JsonNode platform = saleSharing(visitor);
        assertThat(platform.get("saleSharingAllowed").asBoolean()).isFalse();
        assertThat(platform.get("ageBand").asText()).isEqualTo("13_TO_15");

        RunningSystem.Response optedIn = widget("POST", "/widget/visitors/" + visitor + "/opt-in", OPT_IN);
        assertThat(optedIn.status()).as(optedIn.body()).isEqualTo(200);
        assertThat(optedIn.json().get("saleSharingAllowed").asBoolean()).isTrue();
        assertThat(optedIn.json().get("saleSharingReason").asText()).isEqualTo("MINOR_OPTED_IN");
        assertThat(saleSharing(visitor).get("saleSharingAllowed").asBoolean()).isTrue();

        // the browser sends GPC, as its beacon does: opted out, whatever the opt-in
        RunningSystem.Response gpc = system.callWithHeaders(
                "POST",
                Service.CONSENT,
                "/widget/visitors/" + visitor + "/opt-out",
                Map.of("X-Widget-Key", demo.widgetKey(), "Sec-GPC", "1"),
                null);
        assertThat(gpc.status()).as(gpc.body()).isEqualTo(200);
        assertThat(gpc.json().get("saleSharingAllowed").asBoolean()).isFalse();
        assertThat(saleSharing(visitor).get("saleSharingReason").asText()).isEqualTo("OPTED_OUT");
        RunningSystem.Response again = widget("POST", "/widget/visitors/" + visitor + "/opt-in", OPT_IN);
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");

        List<JsonNode> events = events(visitor, 4);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "consent.granted.v1", "consent.opted-out.v1", "consent.opted-in.v1", "consent.opted-out.v1");
        assertThat(events.get(1).get("data").get("source").asText()).isEqualTo("MINOR");
        assertThat(events.get(1).get("data").get("scope").asText()).isEqualTo("SALE_SHARING");
        assertThat(events.get(1).get("data").get("ageBand").asText()).isEqualTo("13_TO_15");
        assertThat(events.get(2).get("data").get("authorizedBy").asText()).isEqualTo("VISITOR");
        assertThat(events.get(3).get("data").get("source").asText()).isEqualTo("GPC");
    }

    @Test
    void anUnder13VisitorsOwnOptInIsRefusedAndAParentsAuthorizationRecordedByTheOwnerLiftsIt() throws Exception {
        String visitor = "vm-" + UUID.randomUUID();
        RunningSystem.Response age =
                widget("POST", "/widget/visitors/" + visitor + "/age", Map.of("ageBand", "UNDER_13"));
        assertThat(age.status()).as(age.body()).isEqualTo(200);
        assertThat(age.json().get("saleSharingReason").asText()).isEqualTo("MINOR_NO_PARENTAL_AUTHORIZATION");

        RunningSystem.Response own = widget("POST", "/widget/visitors/" + visitor + "/opt-in", OPT_IN);
        assertThat(own.status()).as(own.body()).isEqualTo(403);
        assertThat(own.contentType()).startsWith("application/problem+json");
        assertThat(own.json().get("type").asText()).endsWith("parental-authorization-required");
        assertThat(saleSharing(visitor).get("saleSharingAllowed").asBoolean()).isFalse();

        Map<String, String> authorization =
                Map.of("scope", "SALE_SHARING", "verificationMethod", "signed consent form returned by mail");
        String path = "/accounts/" + demo.accountId() + "/visitors/" + visitor + "/parental-authorizations";
        assertThat(system.call("POST", Service.CONSENT, path, demo.agentToken(), authorization)
                        .status())
                .as("an agent does not record a parent's authorization")
                .isEqualTo(403);
        RunningSystem.Response parent = system.call("POST", Service.CONSENT, path, demo.ownerToken(), authorization);
        assertThat(parent.status()).as(parent.body()).isEqualTo(200);
        assertThat(parent.json().get("saleSharingAllowed").asBoolean()).isTrue();
        assertThat(parent.json().get("saleSharingReason").asText()).isEqualTo("PARENTAL_AUTHORIZATION");
        assertThat(status(visitor).get("saleSharingAllowed").asBoolean()).isTrue();

        // GPC on the next chat wins over the parent's authorization
        RunningSystem.Response gpcConsent = system.callWithHeaders(
                "POST",
                Service.CONSENT,
                "/widget/consents",
                Map.of("X-Widget-Key", demo.widgetKey(), "Sec-GPC", "1"),
                Map.of("formVersion", formVersion, "visitorId", visitor, "consents", required));
        assertThat(gpcConsent.status()).as(gpcConsent.body()).isEqualTo(201);
        assertThat(saleSharing(visitor).get("saleSharingReason").asText()).isEqualTo("OPTED_OUT");

        List<JsonNode> events = events(visitor, 4);
        assertThat(events)
                .extracting(e -> e.get("type").asText())
                .containsExactly(
                        "consent.opted-out.v1", "consent.opted-in.v1", "consent.granted.v1", "consent.opted-out.v1");
        assertThat(events.get(0).get("data").get("source").asText()).isEqualTo("MINOR");
        assertThat(events.get(0).get("data").get("ageBand").asText()).isEqualTo("UNDER_13");
        assertThat(events.get(1).get("data").get("authorizedBy").asText()).isEqualTo("PARENT");
        assertThat(events.get(1).get("data").get("ageBand").asText()).isEqualTo("UNDER_13");
        assertThat(events.get(1).toString()).doesNotContain("signed consent form");
        assertThat(events.get(3).get("data").get("source").asText()).isEqualTo("GPC");
    }

    private static RunningSystem.Response widget(String method, String path, Object body) {
        return system.callWithHeaders(method, Service.CONSENT, path, Map.of("X-Widget-Key", demo.widgetKey()), body);
    }

    private static JsonNode status(String visitor) {
        RunningSystem.Response status = widget("GET", "/widget/visitors/" + visitor + "/opt-out", null);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json();
    }

    /** What the chat platform reads before it sells or shares anything of the visitor's. */
    private static JsonNode saleSharing(String visitor) {
        RunningSystem.Response status = system.call(
                "GET",
                Service.CONSENT,
                "/accounts/" + demo.accountId() + "/visitors/" + visitor + "/sale-sharing",
                demo.platformToken(),
                null);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json();
    }

    /** The visitor's events on consent-events, in order (key: the visitor id), as {type, data}, once all are there. */
    private static List<JsonNode> events(String visitor, int count) {
        List<JsonNode> events = new ArrayList<>();
        await().atMost(WAIT).untilAsserted(() -> {
            events.clear();
            for (ConsumerRecord<String, String> r : books.allRecords("consent-events")) {
                if (visitor.equals(r.key())) {
                    var event = RunningSystem.JSON.createObjectNode();
                    event.put("type", RunningSystem.header(r, "ce_type"));
                    event.set("data", RunningSystem.JSON.readTree(r.value()));
                    events.add(event);
                }
            }
            assertThat(events).hasSize(count);
        });
        return events;
    }
}
