package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.DemoSite;
import io.chatprivacy.stack.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The consent widget in a real browser: Debian's Chromium, driven by {@code playwright-core} from
 * {@code e2e/browser/widget.spec.mjs}, on the stack's demo page (served with a strict CSP on an origin
 * the demo account allows). The script checks the gate, the ledger, GPC, the privacy choices,
 * revocation and accessibility (axe-core), and saves a screenshot of each state under
 * {@code e2e/target/screenshots/}. {@code e2e/browser/setup.sh} installs what is missing first.
 */
@Order(4)
class WidgetBrowserIT {

    private static RunningSystem system;
    private static Path home;

    @BeforeAll
    static void start() throws Exception {
        home = BrowserRun.home();
        // first, so that a machine without Chromium or node_modules fails fast, before the system starts
        BrowserRun.setUp();
        system = RunningSystem.get();
    }

    @Test
    void theWidgetGatesTheChatRecordsConsentHonoursGpcAndIsAccessible() throws Exception {
        DemoSite site = system.stack().demoSite().orElseThrow(() -> new AssertionError("no demo page"));
        DemoCredentials demo = system.demo();
        // the stack publishes the demo form once consent-service knows the demo account
        await().atMost(Duration.ofSeconds(90))
                .until(() -> system.callWithHeaders(
                                        "GET",
                                        Service.CONSENT,
                                        "/widget/forms/current",
                                        Map.of("X-Widget-Key", demo.widgetKey()),
                                        null)
                                .status()
                        == 200);

        Path target = home.resolve("e2e/target");
        Path result = target.resolve("widget-browser-result.json");
        Files.deleteIfExists(result);
        int exit = BrowserRun.run(
                List.of("node", home.resolve("e2e/browser/widget.spec.mjs").toString()),
                Map.of(
                        "DEMO_URL", site.url(),
                        "CONSENT_URL", system.url(Service.CONSENT, ""),
                        "ACCOUNT_ID", demo.accountId(),
                        "AGENT_TOKEN", demo.agentToken(),
                        "SCREENSHOT_DIR", target.resolve("screenshots").toString(),
                        "RESULT_FILE", result.toString()),
                "widget-browser",
                5);

        String log = Files.readString(target.resolve("widget-browser.log"));
        assertThat(result).as("result file; log:\n" + log).exists();
        JsonNode json = RunningSystem.JSON.readTree(result.toFile());
        assertThat(json.get("failed").asInt()).as(log).isZero();
        assertThat(json.get("passed").asInt()).as(log).isGreaterThanOrEqualTo(25);
        assertThat(json.get("ok").asBoolean()).as(log).isTrue();
        assertThat(exit).as(log).isZero();
        for (String shot :
                List.of("01-form", "02-blocked", "03-consented", "04-withdrawn", "05-gpc-honored", "06-choices")) {
            assertThat(target.resolve("screenshots/" + shot + ".png")).isNotEmptyFile();
        }
    }
}
