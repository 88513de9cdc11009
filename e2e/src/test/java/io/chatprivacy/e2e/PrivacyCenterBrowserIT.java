package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.Service;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * The consumers' privacy center in a real browser, without signing in: the demo account's form, an opt-out that
 * lands straight on its status page, and an access request confirmed with the code the consumer was mailed (read
 * here from the SMTP server), after a wrong code that says how many attempts are left. Each request is then seen
 * by the demo agent through request-service's API. The access mail's link then opens the consumer's copy on the
 * privacy center: "Email me a code", the code from the consumer's mail (a wrong one first), and the copy with the
 * consumer's chat and nothing of anyone else's nor from before 2022. {@code e2e/browser/privacy-center.spec.mjs}
 * checks each page,
 * its headers and runs axe-core on it; screenshots go to {@code e2e/target/screenshots/privacy-center-*.png}.
 */
@Order(6)
class PrivacyCenterBrowserIT {

    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8})");

    private static RunningSystem system;

    @BeforeAll
    static void start() throws Exception {
        BrowserRun.setUp();
        system = RunningSystem.get();
    }

    @Test
    void aConsumerOptsOutAsksForTheirDataWithTheMailedCodeAndOpensTheCopyFromTheLink() throws Exception {
        MailServer mail = system.stack().mail().orElseThrow();
        String account = system.demo().accountId();
        // the demo account is request-service's once the stack has registered it
        await().atMost(Duration.ofSeconds(90))
                .until(() ->
                        system.callWithHeaders("GET", Service.REQUEST, "/privacy-center/" + account, Map.of(), null)
                                        .status()
                                == 200);

        String run = UUID.randomUUID().toString().substring(0, 8);
        Path target = BrowserRun.home().resolve("e2e/target");
        Path statusFile = target.resolve("privacy-center-status-page.txt");
        Path codePageFile = target.resolve("privacy-center-code-page.txt");
        Files.deleteIfExists(statusFile);
        Files.deleteIfExists(codePageFile);
        Map<String, String> env = new HashMap<>(Map.of(
                "CONSOLE_URL", system.stack().consoleUrl().orElseThrow(),
                "ACCOUNT_ID", account,
                "SCREENSHOT_DIR", target.resolve("screenshots").toString(),
                "STATUS_PAGE_FILE", statusFile.toString(),
                "CODE_PAGE_FILE", codePageFile.toString()));

        // an opt-out: no code, the request is opened at once
        String optOutEmail = "pc-optout-" + run + "@example.com";
        env.put("PHASE", "opt-out");
        env.put("EMAIL", optOutEmail);
        assertPassed(spec(env, "privacy-center-opt-out"), "privacy-center-opt-out", 18);
        JsonNode optOut = agentSees(Files.readString(statusFile).strip());
        assertThat(optOut.get("type").asText()).isEqualTo("OPT_OUT");
        assertThat(optOut.get("channel").asText()).isEqualTo("WEB_FORM");
        assertThat(optOut.get("subjectEmail").asText()).isEqualTo(optOutEmail);

        // an access request: the code page, the code from the consumer's mail, a wrong code first
        String accessEmail = "pc-access-" + run + "@example.com";
        // the consumer's chats in the vault (one from 2021, before the right to know reaches back) and someone else's
        system.ingest(
                account,
                system.demo().platformToken(),
                "chat-batches",
                "chats",
                List.of(
                        RightsRequestsIT.chat("pc-" + run, "vpc-" + run, accessEmail, "Pat", "pc chat " + run),
                        RightsRequestsIT.chat(
                                "pc-" + run + "-2021",
                                "vpc-" + run,
                                accessEmail,
                                "Pat",
                                "pc 2021 " + run,
                                java.time.Instant.parse("2021-06-01T10:00:00Z")),
                        RightsRequestsIT.chat(
                                "po-" + run,
                                "vpo-" + run,
                                "pc-other-" + run + "@example.com",
                                "Quinn",
                                "pc other " + run)));
        env.put("PHASE", "access-submit");
        env.put("EMAIL", accessEmail);
        assertPassed(spec(env, "privacy-center-access-submit"), "privacy-center-access-submit", 9);
        String codePage = Files.readString(codePageFile).strip();

        String mailed = await().atMost(Duration.ofSeconds(120))
                .until(
                        () -> mail.messagesTo(accessEmail).stream()
                                .filter(m -> Mails.subject(m).startsWith("Your code to confirm your privacy request"))
                                .map(Mails::decoded)
                                .map(CODE::matcher)
                                .filter(Matcher::find)
                                .map(m -> m.group(1))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();

        Files.deleteIfExists(statusFile);
        env.put("PHASE", "access-verify");
        env.put("CODE_PAGE_URL", codePage);
        env.put("CODE", mailed);
        assertPassed(spec(env, "privacy-center-access-verify"), "privacy-center-access-verify", 8);
        JsonNode access = agentSees(Files.readString(statusFile).strip());
        assertThat(access.get("type").asText()).isEqualTo("ACCESS");
        assertThat(access.get("subjectEmail").asText()).isEqualTo(accessEmail);

        // the access mail's link: the copy page, a code mailed to the consumer, the copy
        var accessMail = Copies.awaitAccessMails(mail, accessEmail, 1).get(0);
        Copies.Link link = Copies.link(accessMail);
        assertThat(link.page())
                .isEqualTo(system.stack().consoleUrl().orElseThrow().replaceAll("/$", "") + "/privacy/" + account
                        + "/copies/" + link.exportId());
        Path copyPageFile = target.resolve("privacy-center-copy-page.txt");
        Files.deleteIfExists(copyPageFile);
        env.put("PHASE", "copy-ask");
        env.put("COPY_URL", link.url());
        env.put("COPY_PAGE_FILE", copyPageFile.toString());
        assertPassed(spec(env, "privacy-center-copy-ask"), "privacy-center-copy-ask", 6);
        String copyCode = Copies.awaitCode(mail, accessEmail, link, 1);

        env.put("PHASE", "copy-open");
        env.put("COPY_PAGE_URL", Files.readString(copyPageFile).strip());
        env.put("CODE", copyCode);
        env.put("EXPECT_TEXT", "pc chat " + run);
        env.put("ABSENT_TEXTS", "pc other " + run + "|pc 2021 " + run);
        env.put("EXPORT_ID", link.exportId());
        assertPassed(spec(env, "privacy-center-copy-open"), "privacy-center-copy-open", 9);
        // the code opened the copy once: it is used up
        var reused = system.callWithHeaders(
                "POST",
                Service.DELETION,
                "/exports/" + link.exportId() + "/open",
                Map.of("X-Export-Token", link.token()),
                Map.of("code", copyCode));
        assertThat(reused.status()).as(reused.body()).isEqualTo(409);
        // the link's token stands in no log of the system (the console's included)
        try (var logs = Files.list(system.stack().config().dataDir().resolve("logs"))) {
            for (Path log : logs.toList()) {
                String text = Files.readString(log, java.nio.charset.StandardCharsets.ISO_8859_1);
                assertThat(text).as(log.getFileName().toString()).doesNotContain(link.token());
            }
        }

        for (String shot : List.of(
                "01-form",
                "02-form-errors",
                "03-opt-out-status",
                "04-code",
                "05-wrong-code",
                "06-access-status",
                "07-copy-link",
                "08-copy-code",
                "09-copy")) {
            assertThat(target.resolve("screenshots/privacy-center-" + shot + ".png"))
                    .isNotEmptyFile();
        }
    }

    /** The request behind a status page's URL, as the demo agent reads it from request-service. */
    private static JsonNode agentSees(String statusPage) {
        String path = URI.create(statusPage).getPath();
        String requestId = path.substring(path.lastIndexOf('/') + 1);
        var response = system.call(
                "GET",
                Service.REQUEST,
                "/accounts/" + system.demo().accountId() + "/rights-requests/" + requestId,
                system.demo().agentToken(),
                null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The spec's run passed: no failed check, at least {@code least} passed, exit status 0. */
    private static void assertPassed(int exit, String run, int least) throws IOException {
        String log = BrowserRun.log(run);
        Path result = BrowserRun.home().resolve("e2e/target/" + run + ".json");
        assertThat(result).as("result file; log:\n" + log).exists();
        JsonNode json = RunningSystem.JSON.readTree(result.toFile());
        assertThat(json.get("failed").asInt()).as(log).isZero();
        assertThat(json.get("passed").asInt()).as(log).isGreaterThanOrEqualTo(least);
        assertThat(exit).as(log).isZero();
    }

    /** Runs e2e/browser/privacy-center.spec.mjs in Chromium; its output goes to e2e/target/{@code run}.log. */
    private static int spec(Map<String, String> env, String run) throws IOException, InterruptedException {
        Map<String, String> withResult = new HashMap<>(env);
        Path result = BrowserRun.home().resolve("e2e/target/" + run + ".json");
        Files.deleteIfExists(result);
        withResult.put("RESULT_FILE", result.toString());
        return BrowserRun.run(
                List.of(
                        "node",
                        BrowserRun.home()
                                .resolve("e2e/browser/privacy-center.spec.mjs")
                                .toString()),
                withResult,
                run,
                5);
    }
}
