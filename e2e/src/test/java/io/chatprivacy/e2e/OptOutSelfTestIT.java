package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The opt-out self-test through the packaged services (issue 14 item 6): the owner runs it, a synthetic visitor's GPC
 * and opt-out request (on request-service's public privacy center) are honoured everywhere and the run PASSES — and
 * nothing synthetic shows in the account's published figures or reaches a mailbox; with request-service stopped the
 * run FAILS on the check that broke and the owner is alerted by mail. request-service is restarted afterwards.
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptOutSelfTestIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static RunningSystem system;
    private static Stack stack;
    private static DemoCredentials demo;
    private static MailServer mail;
    private static Books books;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        stack = system.stack();
        demo = system.demo();
        mail = stack.mail().orElseThrow();
        books = new Books(stack);
    }

    /** Later tests get a whole system, whatever happened here. */
    @AfterEach
    void repair() {
        if (!stack.service(Service.REQUEST).isAlive()) {
            stack.startService(Service.REQUEST);
        }
    }

    @Test
    @Order(1)
    void theOwnersSelfTestPassesAndNothingSyntheticCounts() {
        int year = Year.now(ZoneId.of("America/Los_Angeles")).getValue();
        JsonNode before = metrics(year);
        Instant started = Instant.now();

        String runId = runNow();
        JsonNode run = awaitFinished(runId);
        assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("PASSED");
        assertThat(run.get("startedBy").asText()).isEqualTo("OWNER");
        assertThat(run.get("failedCheck").isNull()).isTrue();
        assertThat(list()).anySatisfy(r -> {
            assertThat(r.get("runId").asText()).isEqualTo(runId);
            assertThat(r.get("outcome").asText()).isEqualTo("PASSED");
        });

        // the synthetic opt-out request was really made, through the privacy center, and completed ...
        List<String> requests = books.queryStrings(
                Service.CONSENT,
                "select request_id::text from consent_entry where account_id = ?::uuid and source = 'REQUEST'"
                        + " and visitor_id like 'selftest-%' and recorded_at >= ?::timestamptz",
                demo.accountId(),
                started.toString());
        assertThat(requests).hasSize(1);
        String requestId = requests.get(0);
        assertThat(system.requestStatus(requestId)).isEqualTo("COMPLETED");
        assertThat(books.queryStrings(
                        Service.REQUEST,
                        "select channel || ' ' || synthetic from rights_request where id = ?::uuid",
                        requestId))
                .containsExactly("WEB_FORM true");
        // ... kept out of the agents' list, which shows it only when asked for the self-test's requests ...
        assertThat(requestIds("")).doesNotContain(requestId);
        assertThat(requestIds("?synthetic=true")).contains(requestId);
        // ... and its letters to the synthetic address were recorded, never sent
        await().atMost(WAIT)
                .until(() -> books.queryStrings(
                                Service.NOTIFICATION,
                                "select template || ' ' || status from outgoing_mail where request_id = ?::uuid",
                                requestId)
                        .containsAll(List.of("RECEIPT_CONFIRMATION SKIPPED", "COMPLETION_NOTICE SKIPPED")));
        assertThat(mail.messages())
                .noneSatisfy(m -> assertThat(Mails.recipients(m)).anyMatch(r -> r.endsWith(".invalid")));
        // the figures the business publishes do not count it
        assertThat(metrics(year)).isEqualTo(before);
        books.assertNothingLostNothingDoubled();
    }

    @Test
    @Order(2)
    void withRequestServiceDownTheSelfTestFailsAndTheOwnerIsAlerted() throws Exception {
        stack.stopService(Service.REQUEST);
        String runId;
        try {
            runId = runNow();
            JsonNode run = awaitFinished(runId);
            assertThat(run.get("outcome").asText()).as(run.toString()).isEqualTo("FAILED");
            assertThat(run.get("failedCheck").asText()).isEqualTo("REQUEST_ACCEPTED");
            assertThat(run.get("detail").asText()).startsWith("request-service unreachable");
        } finally {
            stack.startService(Service.REQUEST);
        }
        await().atMost(WAIT)
                .until(() -> mail.messagesTo(DemoFlows.OWNER_ADDRESS).stream()
                        .anyMatch(m -> Mails.decoded(m).contains("Run " + runId)));
        MimeMessage alert = mail.messagesTo(DemoFlows.OWNER_ADDRESS).stream()
                .filter(m -> Mails.decoded(m).contains("Run " + runId))
                .findFirst()
                .orElseThrow();
        assertThat(Mails.subject(alert))
                .startsWith("Opt-out self-test FAILED for ")
                .endsWith(": REQUEST_ACCEPTED");
        assertThat(Mails.decoded(alert)).contains("the privacy center did not accept an opt-out request");

        // healthy again: the next run passes
        JsonNode again = awaitFinished(runNow());
        assertThat(again.get("outcome").asText()).as(again.toString()).isEqualTo("PASSED");
        books.assertNothingLostNothingDoubled();
    }

    private static String runNow() {
        RunningSystem.Response started = system.call(
                "POST",
                Service.CONSENT,
                "/accounts/" + demo.accountId() + "/opt-out-self-tests",
                demo.ownerToken(),
                null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        assertThat(started.json().get("outcome").asText()).isEqualTo("RUNNING");
        return started.json().get("runId").asText();
    }

    private static JsonNode awaitFinished(String runId) {
        String path = "/accounts/" + demo.accountId() + "/opt-out-self-tests/" + runId;
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !"RUNNING"
                        .equals(system.call("GET", Service.CONSENT, path, demo.ownerToken(), null)
                                .json()
                                .get("outcome")
                                .asText()));
        return system.call("GET", Service.CONSENT, path, demo.ownerToken(), null)
                .json();
    }

    private static List<JsonNode> list() {
        RunningSystem.Response runs = system.call(
                "GET",
                Service.CONSENT,
                "/accounts/" + demo.accountId() + "/opt-out-self-tests",
                demo.ownerToken(),
                null);
        assertThat(runs.status()).as(runs.body()).isEqualTo(200);
        List<JsonNode> out = new java.util.ArrayList<>();
        runs.json().forEach(out::add);
        return out;
    }

    private static List<String> requestIds(String query) {
        RunningSystem.Response listed = system.call(
                "GET",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests" + query,
                demo.agentToken(),
                null);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        List<String> ids = new java.util.ArrayList<>();
        listed.json().forEach(r -> ids.add(r.get("requestId").asText()));
        return ids;
    }

    private static JsonNode metrics(int year) {
        RunningSystem.Response figures = system.call(
                "GET",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests/metrics?year=" + year,
                demo.ownerToken(),
                null);
        assertThat(figures.status()).as(figures.body()).isEqualTo(200);
        return figures.json();
    }
}
