package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.Keycloak;
import io.chatprivacy.stack.SignIn;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The console in a real browser, signed in through the stack's Keycloak (authorization-code flow): the demo owner
 * opens a consumer's deletion request, sees a refusal in the service's words, extends it, reads the consent and records pages;
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
    void anAgentOpensADeletionByTagAndTheOwnerAuthorisesItWithTheMailedCode() throws Exception {
        SignIn signIn = system.stack().signIn().orElseThrow();
        MailServer mail = system.stack().mail().orElseThrow();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = "Erase-" + run;
        List<Map<String, Object>> chats = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Instant at = Instant.parse("2026-11-02T10:00:00Z").plusSeconds(i * 60L);
            chats.add(Map.of(
                    "chatId", "console-" + run + "-" + i,
                    "visitorId", "visitor-" + run,
                    "visitorEmail", "visitor-" + run + "@example.com",
                    "agentIds", List.of("agent-1"),
                    "startedAt", at.toString(),
                    "endedAt", at.plusSeconds(30).toString(),
                    "messages",
                            List.of(Map.of(
                                    "authorType",
                                    "VISITOR",
                                    "authorId",
                                    "visitor-" + run,
                                    "text",
                                    "hello " + i,
                                    "sentAt",
                                    at.plusSeconds(1).toString())),
                    "tags", List.of(tag)));
        }
        system.ingest(system.demo().accountId(), system.demo().platformToken(), "chat-batches", "chats", chats);

        Path target = BrowserRun.home().resolve("e2e/target");
        Path requestFile = target.resolve("console-deletion-request.txt");
        Files.deleteIfExists(requestFile);
        Map<String, String> env = new HashMap<>(Map.of(
                "CONSOLE_URL", system.stack().consoleUrl().orElseThrow(),
                "OWNER_USERNAME", signIn.ownerUsername(),
                "OWNER_PASSWORD", signIn.ownerPassword(),
                "AGENT_USERNAME", signIn.agentUsername(),
                "AGENT_PASSWORD", signIn.agentPassword(),
                "SCREENSHOT_DIR", target.resolve("screenshots").toString(),
                "DELETION_TAG", tag));
        env.put("PHASE", "deletion-open");
        env.put("DELETION_REQUEST_FILE", requestFile.toString());
        env.put("RESULT_FILE", target.resolve("console-deletion-open.json").toString());
        assertThat(consoleSpec(env, "console-deletion-open", 5))
                .as(BrowserRun.log("console-deletion-open"))
                .isZero();
        String requestId = Files.readString(requestFile).strip();

        // the code, as the owner reads it: from the mail the SMTP server received for the account's address
        Pattern code = Pattern.compile("Your verification code: (\\d{8,18})");
        String mailed = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> mail.messagesTo("owner@demo.example").stream()
                                .filter(m -> Mails.subject(m).startsWith("Verification code"))
                                .filter(m -> Mails.raw(m).contains(requestId))
                                .map(Mails::decoded)
                                .map(code::matcher)
                                .filter(Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();

        env.put("PHASE", "deletion-authorise");
        env.put("DELETION_REQUEST_ID", requestId);
        env.put("DELETION_CODE", mailed);
        env.put("RESULT_FILE", target.resolve("console-deletion-authorise.json").toString());
        assertThat(consoleSpec(env, "console-deletion-authorise", 5))
                .as(BrowserRun.log("console-deletion-authorise"))
                .isZero();
        assertThat(target.resolve("screenshots/console-09-deletion-receipt.png"))
                .isNotEmptyFile();
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
        int exit = consoleSpec(
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

    /** Runs e2e/browser/console.spec.mjs in Chromium; its output goes to e2e/target/{@code run}.log. */
    private static int consoleSpec(Map<String, String> env, String run, int minutes)
            throws IOException, InterruptedException {
        return BrowserRun.run(
                List.of(
                        "node",
                        BrowserRun.home()
                                .resolve("e2e/browser/console.spec.mjs")
                                .toString()),
                env,
                run,
                minutes);
    }
}
