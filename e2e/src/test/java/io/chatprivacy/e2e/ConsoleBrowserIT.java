package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.stack.Keycloak;
import io.chatprivacy.stack.SignIn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser, signed in through the stack's Keycloak (authorization-code flow): the demo owner
 * opens an access request, sees a refusal in the service's words, extends it, reads the consent and records pages;
 * the demo agent sees the request without the owner's decline form; an agent of another account sees nothing of
 * it. {@code e2e/browser/console.spec.mjs} checks each page and runs axe-core on them; screenshots go to {@code
 * e2e/target/screenshots/console-*.png}.
 */
@Order(5)
class ConsoleBrowserIT {

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        BrowserRun.setUp();
        system = RunningSystem.get();
    }

    @Test
    void ownersAndAgentsSignInAndSeeOnlyTheirAccount() throws Exception {
        String consoleUrl = system.stack().consoleUrl().orElseThrow(() -> new AssertionError("no console runs"));
        Keycloak keycloak = system.stack().oidc().orElseThrow();
        SignIn signIn = system.stack().signIn().orElseThrow();
        String otherUser = "agent-" + UUID.randomUUID() + "@elsewhere.example";
        String otherPassword = "Pw-" + UUID.randomUUID();
        keycloak.createUser(
                otherUser, otherPassword, Keycloak.AGENT_ROLE, UUID.randomUUID().toString());

        Path target = BrowserRun.home().resolve("e2e/target");
        Path result = target.resolve("console-browser-result.json");
        Files.deleteIfExists(result);
        int exit = BrowserRun.run(
                List.of(
                        "node",
                        BrowserRun.home()
                                .resolve("e2e/browser/console.spec.mjs")
                                .toString()),
                Map.of(
                        "CONSOLE_URL", consoleUrl,
                        "OWNER_USERNAME", signIn.ownerUsername(),
                        "OWNER_PASSWORD", signIn.ownerPassword(),
                        "AGENT_USERNAME", signIn.agentUsername(),
                        "AGENT_PASSWORD", signIn.agentPassword(),
                        "OTHER_USERNAME", otherUser,
                        "OTHER_PASSWORD", otherPassword,
                        "SCREENSHOT_DIR", target.resolve("screenshots").toString(),
                        "RESULT_FILE", result.toString()),
                "console-browser",
                8);

        String log = BrowserRun.log("console-browser");
        assertThat(result).as("result file; log:\n" + log).exists();
        JsonNode json = RunningSystem.JSON.readTree(result.toFile());
        assertThat(json.get("failed").asInt()).as(log).isZero();
        assertThat(json.get("passed").asInt()).as(log).isGreaterThanOrEqualTo(20);
        assertThat(exit).as(log).isZero();
        for (String shot :
                List.of("01-requests", "02-open", "03-request", "04-consent", "05-records", "06-other-account")) {
            assertThat(target.resolve("screenshots/console-" + shot + ".png")).isNotEmptyFile();
        }
    }
}
