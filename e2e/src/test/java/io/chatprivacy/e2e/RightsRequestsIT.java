package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The consumer's other rights across the packaged services over the real broker, PostgreSQL and
 * SMTP: a copy of their chats and tickets (ACCESS) behind a link mailed to them, opened with a code mailed to them
 * too, corrections applied in the vault
 * (CORRECT), opt-outs applied by consent-service (OPT_OUT, LIMIT), the extension rules, the
 * yearly figures against a hand count, and the records' 24 months.
 */
@Order(3)
class RightsRequestsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    private static RunningSystem system;
    private static DemoCredentials demo;
    private static MailServer mail;
    private static String accountB;
    private static String platformB;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        demo = system.demo();
        mail = system.stack().mail().orElseThrow();
        accountB = register("Other Shop", "owner@other.example");
        platformB = system.stack().jwt().platformToken("chat-platform@other.example", accountB);
    }

    @Test
    void accessEmailsTheConsumerTheirTranscriptsAndNothingOfAnyoneElse() throws Exception {
        String run = run();
        String alice = "alice-" + run + "@example.com";
        String aliceVisitor = "va-" + run;
        // Alice: three chats under her email, one anonymous chat of her visitor id, one ticket
        List<Map<String, Object>> chats = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            chats.add(chat("ca-" + run + "-" + i, aliceVisitor, alice, "Alice " + run, "alice says " + run + " #" + i));
        }
        chats.add(chat("ca-" + run + "-anon", aliceVisitor, null, null, "alice anonymous " + run));
        // Alice's chat of 2021: before the right to know reaches back (1 January 2022), not in the copy
        chats.add(chat(
                "ca-" + run + "-2021",
                aliceVisitor,
                alice,
                "Alice " + run,
                "alice in 2021 " + run,
                Instant.parse("2021-12-31T23:00:00Z")));
        // Bob, another consumer of the same business
        chats.add(chat("cb-" + run, "vb-" + run, "bob-" + run + "@example.com", "Bob", "bob says " + run));
        // someone else using Alice's visitor id under another email: not Alice's to receive
        chats.add(chat("cx-" + run, aliceVisitor, "xavier-" + run + "@example.com", "Xavier", "xavier says " + run));
        system.ingest(demo.accountId(), demo.platformToken(), "chat-batches", "chats", chats);
        system.ingest(
                demo.accountId(),
                demo.platformToken(),
                "ticket-batches",
                "tickets",
                List.of(ticket("ta-" + run, aliceVisitor, alice, "alice ticket " + run)));
        // Alice's email at another business: that business's data, never in this copy
        system.ingest(
                accountB,
                platformB,
                "chat-batches",
                "chats",
                List.of(chat("cz-" + run, "vz-" + run, alice, "Alice " + run, "other shop chat " + run)));

        String requestId = open(
                Map.of("type", "ACCESS", "subjectEmail", alice, "subjectVisitorId", aliceVisitor, "channel", "EMAIL"));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(requestId)));

        // the mail carries a link, never the content: no transcript, no attachment
        MimeMessage accessMail = Copies.awaitAccessMails(mail, alice, 1).get(0);
        assertThat(Mails.decoded(accessMail))
                .contains("/privacy/" + demo.accountId() + "/copies/")
                .contains("Chats:   4")
                .contains("Tickets: 1")
                .contains("Covers:  2022-01-01 to ")
                .doesNotContain("alice says " + run)
                .doesNotContain("alice ticket " + run);
        assertThat(Mails.attachment(accessMail, "chat-data-" + requestId + ".json"))
                .isEmpty();
        // the link opens the copy with a code mailed to Alice
        JsonNode data = Copies.follow(system, mail, alice, accessMail);
        String copy = data.toString();
        assertThat(copy)
                .contains("alice says " + run + " #0")
                .contains("alice says " + run + " #1")
                .contains("alice says " + run + " #2")
                .contains("alice anonymous " + run)
                .contains("alice ticket " + run)
                .doesNotContain("alice in 2021 " + run)
                .doesNotContain("bob says " + run)
                .doesNotContain("xavier says " + run)
                .doesNotContain("other shop chat " + run);
        assertThat(data.get("coversFrom").asText()).isEqualTo("2022-01-01T00:00:00Z");
        List<String> chatIds = new ArrayList<>();
        data.get("chats").forEach(c -> chatIds.add(c.get("chatId").asText()));
        assertThat(chatIds)
                .containsExactlyInAnyOrder(
                        "ca-" + run + "-0", "ca-" + run + "-1", "ca-" + run + "-2", "ca-" + run + "-anon");
        assertThat(data.get("tickets")).hasSize(1);
        assertThat(data.get("tickets").get(0).get("ticketId").asText()).isEqualTo("ta-" + run);
        // the link and its code went to Alice alone, once
        Copies.Link link = Copies.link(accessMail);
        assertThat(Mails.recipients(accessMail)).containsExactly(alice);
        assertThat(mail.messages().stream().filter(m -> Mails.decoded(m).contains(link.token())))
                .hasSize(1);
        assertThat(mail.messages().stream()
                        .filter(m -> Mails.subject(m).startsWith(Copies.CODE_SUBJECT))
                        .filter(m -> Mails.decoded(m).contains(link.exportId())))
                .hasSize(1)
                .allSatisfy(m -> assertThat(Mails.recipients(m)).containsExactly(alice));
        assertThat(mail.messagesTo("bob-" + run + "@example.com")).isEmpty();
        assertThat(mail.messagesTo("xavier-" + run + "@example.com")).isEmpty();

        // the request records what was sent (counts), never the content
        RunningSystem.Response request = read(requestId);
        assertThat(request.body())
                .doesNotContain("alice says")
                .doesNotContain("alice ticket")
                .contains("\"chatCount\":4")
                .contains("\"ticketCount\":1");
    }

    @Test
    void aFreshCopyCanBeAskedForWhileTheFirstHasNotArrived() {
        String run = run();
        String gus = "gus-" + run + "@example.com";
        system.ingest(
                demo.accountId(),
                demo.platformToken(),
                "chat-batches",
                "chats",
                List.of(chat("cg-" + run, "vg-" + run, gus, "Gus", "gus says " + run)));
        String requestId;
        // the mail relay is down: the copy waits in notification-service
        mail.stop();
        try {
            requestId = open(Map.of("type", "ACCESS", "subjectEmail", gus, "channel", "EMAIL"));
            await().atMost(WAIT).until(() -> read(requestId).body().contains("EXPORT_READY"));
            // the consumer says nothing arrived: an agent asks for a fresh copy (a second export)
            RunningSystem.Response resend = system.call(
                    "POST",
                    Service.REQUEST,
                    "/accounts/" + demo.accountId() + "/rights-requests/" + requestId + "/export",
                    demo.agentToken(),
                    null);
            assertThat(resend.status()).as(resend.body()).isEqualTo(202);
            assertThat(resend.body()).contains("EXPORT_REQUESTED");
            await().atMost(WAIT)
                    .until(() -> read(requestId).body().split("\"kind\":\"EXPORT_READY\"", -1).length - 1 == 2);
            assertThat(status(requestId)).isEqualTo("OPEN");
        } finally {
            mail.restart();
        }
        // once the relay is back both copies' links go out, each opening a copy with the transcript (two exports,
        // each with its own token and code), and the request completes
        List<MimeMessage> copies = Copies.awaitAccessMails(mail, gus, 2);
        assertThat(copies).hasSize(2);
        assertThat(copies.stream().map(m -> Copies.link(m).exportId()).distinct())
                .hasSize(2);
        for (MimeMessage copy : copies) {
            assertThat(Mails.decoded(copy)).doesNotContain("gus says " + run);
            assertThat(Copies.follow(system, mail, gus, copy).toString()).contains("gus says " + run);
        }
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(requestId)));
        RunningSystem.Response closed = system.call(
                "POST",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests/" + requestId + "/export",
                demo.agentToken(),
                null);
        assertThat(closed.status()).as(closed.body()).isEqualTo(409);
    }

    @Test
    void correctionsChangeTheVaultAndTellTheConsumer() {
        String run = run();
        String carol = "carol-" + run + "@example.com";
        String carolVisitor = "vc-" + run;
        String dan = "dan-" + run + "@example.com";
        String danVisitor = "vd-" + run;
        String danFixed = "dan.fixed-" + run + "@example.com";
        system.ingest(
                demo.accountId(),
                demo.platformToken(),
                "chat-batches",
                "chats",
                List.of(
                        chat("cc-" + run + "-1", carolVisitor, carol, "Karol", "carol one " + run),
                        chat("cc-" + run + "-2", carolVisitor, carol, "Karol", "carol two " + run),
                        chat("cd-" + run + "-1", danVisitor, dan, "Dan", "dan one " + run),
                        chat("cd-" + run + "-2", danVisitor, dan, "Dan", "dan two " + run),
                        chat("ce-" + run, "ve-" + run, "erin-" + run + "@example.com", "Karol", "erin " + run)));
        String erinBefore = chatBody("ce-" + run);

        // the name is corrected on the chats of the consumer the email address names
        String nameRequest = open(Map.of(
                "type",
                "CORRECT",
                "subjectEmail",
                carol,
                "channel",
                "WEB_FORM",
                "correction",
                Map.of("field", "NAME", "value", "Carol")));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(nameRequest)));
        assertThat(chat("cc-" + run + "-1").get("visitorName").asText()).isEqualTo("Carol");
        assertThat(chat("cc-" + run + "-2").get("visitorName").asText()).isEqualTo("Carol");
        assertThat(chat("cc-" + run + "-2").get("messages").get(0).get("text").asText())
                .isEqualTo("carol two " + run);
        await().atMost(WAIT).until(() -> completionNotices(carol, nameRequest) == 1);

        // an email address is corrected only for the consumer a visitor id names: the address itself is the
        // data being corrected, so it cannot be what proves who they are
        RunningSystem.Response noVisitor = system.call(
                "POST",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests",
                demo.agentToken(),
                Map.of(
                        "type",
                        "CORRECT",
                        "subjectEmail",
                        dan,
                        "channel",
                        "EMAIL",
                        "correction",
                        Map.of("field", "EMAIL", "value", danFixed)));
        assertThat(noVisitor.status()).as(noVisitor.body()).isEqualTo(400);
        assertThat(noVisitor.contentType()).startsWith("application/problem+json");
        assertThat(noVisitor.body()).contains("subjectVisitorId");

        String emailRequest = open(Map.of(
                "type",
                "CORRECT",
                "subjectEmail",
                dan,
                "subjectVisitorId",
                danVisitor,
                "channel",
                "EMAIL",
                "correction",
                Map.of("field", "EMAIL", "value", danFixed)));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(emailRequest)));
        assertThat(chat("cd-" + run + "-1").get("visitorEmail").asText()).isEqualTo(danFixed);
        assertThat(chat("cd-" + run + "-2").get("visitorEmail").asText()).isEqualTo(danFixed);
        // Dan is told at his right address
        await().atMost(WAIT).until(() -> completionNotices(danFixed, emailRequest) == 1);
        // nobody else's data changed
        assertThat(chatBody("ce-" + run)).isEqualTo(erinBefore);

        // the vault now finds Dan's chats by the corrected address, and none by the old one
        String copyToNew = open(Map.of("type", "ACCESS", "subjectEmail", danFixed, "channel", "EMAIL"));
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(copyToNew)));
        assertThat(read(copyToNew).body()).contains("\"chatCount\":2");

        // a correction that matches nothing in the vault cannot be verified: declined, and the consumer told
        String nobody = "nobody-" + run + "@example.com";
        String unverifiable = open(Map.of(
                "type",
                "CORRECT",
                "subjectEmail",
                nobody,
                "channel",
                "EMAIL",
                "correction",
                Map.of("field", "NAME", "value", "Nobody")));
        await().atMost(WAIT).until(() -> "DECLINED".equals(status(unverifiable)));
        assertThat(read(unverifiable).json().path("decline").path("reason").asText())
                .isEqualTo("CANNOT_VERIFY");
        await().atMost(WAIT)
                .until(() -> !mail.messagesTo(nobody).stream()
                        .filter(m -> Mails.raw(m).contains(unverifiable))
                        .filter(m -> !Mails.subject(m).startsWith("We received"))
                        .toList()
                        .isEmpty());
    }

    @Test
    void optOutsReachConsentServiceAndCompleteTheRequests() {
        String run = run();
        String visitor = "vo-" + run;
        String email = "olga-" + run + "@example.com";
        assertThat(optOutStatus(visitor).get("optedOut").asBoolean()).isFalse();

        String optOut =
                open(Map.of("type", "OPT_OUT", "subjectVisitorId", visitor, "subjectEmail", email, "channel", "CHAT"));
        await().atMost(WAIT).until(() -> optOutStatus(visitor).get("optedOut").asBoolean());
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(optOut)));
        JsonNode completed = read(optOut).json();
        // within its clock: 15 business days, no verification
        assertThat(Instant.parse(completed.get("closedAt").asText()))
                .isBefore(Instant.parse(completed.get("dueAt").asText()));
        await().atMost(WAIT).until(() -> completionNotices(email, optOut) == 1);
        assertThat(optOutStatus(visitor).get("sensitiveUseLimited").asBoolean()).isFalse();

        String limit = open(Map.of("type", "LIMIT", "subjectVisitorId", visitor, "channel", "CHAT"));
        await().atMost(WAIT)
                .until(() -> optOutStatus(visitor).get("sensitiveUseLimited").asBoolean());
        await().atMost(WAIT).until(() -> "COMPLETED".equals(status(limit)));
    }

    @Test
    void oneExtensionWithAReasonBeforeTheDueDateOnly() {
        String run = run();
        // a deletion by email waits for its verification code, so it stays open
        String open = open(Map.of("type", "DELETE", "subjectEmail", "ext-" + run + "@example.com", "channel", "EMAIL"));
        RunningSystem.Response withoutReason = extend(open, Map.of());
        assertThat(withoutReason.status()).as(withoutReason.body()).isEqualTo(422);
        assertThat(withoutReason.contentType()).startsWith("application/problem+json");
        assertThat(read(open).json().path("extendedDueAt").isMissingNode()).isTrue();

        RunningSystem.Response extended = extend(open, Map.of("reason", "The archive must be restored first."));
        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(Instant.parse(extended.json().get("extendedDueAt").asText()))
                .isEqualTo(Instant.parse(extended.json().get("dueAt").asText()).plus(Duration.ofDays(45)));
        RunningSystem.Response again = extend(open, Map.of("reason", "Still busy."));
        assertThat(again.status()).as(again.body()).isEqualTo(409);

        // a request received by mail 50 days ago and logged now is past its due date: too late to extend
        String late = open(Map.of(
                "type",
                "DELETE",
                "subjectEmail",
                "late-" + run + "@example.com",
                "channel",
                "EMAIL",
                "receivedAt",
                Instant.now()
                        .minus(Duration.ofDays(50))
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString()));
        assertThat(read(late).json().get("overdue").asBoolean()).isTrue();
        RunningSystem.Response tooLate = extend(late, Map.of("reason", "Busy."));
        assertThat(tooLate.status()).as(tooLate.body()).isEqualTo(422);
        assertThat(read(late).json().path("extendedDueAt").isMissingNode()).isTrue();
    }

    @Test
    void theYearlyFiguresMatchAHandCount() {
        String run = run();
        String account = register("Metrics Shop " + run, "owner-" + run + "@metrics.example");
        String agent = system.stack().jwt().agentToken("agent@metrics.example", account);
        String owner = system.stack().jwt().ownerToken("owner-" + run + "@metrics.example", account);
        int year = LocalDate.now(ZoneOffset.UTC).getYear() - 1;
        Instant base = LocalDate.of(year, 12, 1).atTime(12, 0).toInstant(ZoneOffset.UTC);

        // seeded last year: three opt-outs (carried out by consent-service), two deletions declined by the owner,
        // one left pending
        List<String> optOuts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            optOuts.add(open(
                    account,
                    agent,
                    Map.of(
                            "type",
                            "OPT_OUT",
                            "subjectVisitorId",
                            "vm-" + run + "-" + i,
                            "channel",
                            "WEB_FORM",
                            "receivedAt",
                            base.plus(Duration.ofDays(i * 3L)).toString())));
        }
        List<String> deletions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            deletions.add(open(
                    account,
                    agent,
                    Map.of(
                            "type",
                            "DELETE",
                            "subjectEmail",
                            "dm-" + run + "-" + i + "@example.com",
                            "channel",
                            "EMAIL",
                            "receivedAt",
                            base.plus(Duration.ofDays(5 + i)).toString())));
        }
        // a third deletion stays pending: nobody presents its verification code
        open(
                account,
                agent,
                Map.of(
                        "type",
                        "DELETE",
                        "subjectEmail",
                        "pm-" + run + "@example.com",
                        "channel",
                        "EMAIL",
                        "receivedAt",
                        base.plus(Duration.ofDays(9)).toString()));
        // and one this year, which last year's figures must not count
        open(account, agent, Map.of("type", "OPT_OUT", "subjectVisitorId", "vm-" + run + "-now", "channel", "CHAT"));

        for (String id : deletions) {
            RunningSystem.Response declined = system.call(
                    "POST",
                    Service.REQUEST,
                    "/accounts/" + account + "/rights-requests/" + id + "/decline",
                    owner,
                    Map.of("reason", "BUSINESS_NECESSITY", "note", "Needed to complete the order."));
            assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        }
        for (String id : optOuts) {
            await().atMost(WAIT).until(() -> "COMPLETED".equals(status(account, agent, id)));
        }

        // the hand count, from the records as agents read them
        Map<String, List<Long>> days = new LinkedHashMap<>();
        for (String id : optOuts) {
            days.computeIfAbsent("OPT_OUT", k -> new ArrayList<>()).add(daysToRespond(account, agent, id));
        }
        for (String id : deletions) {
            days.computeIfAbsent("DELETE", k -> new ArrayList<>()).add(daysToRespond(account, agent, id));
        }
        RunningSystem.Response metrics = system.call(
                "GET", Service.REQUEST, "/accounts/" + account + "/rights-requests/metrics?year=" + year, owner, null);
        assertThat(metrics.status()).as(metrics.body()).isEqualTo(200);
        Map<String, JsonNode> byType = new HashMap<>();
        metrics.json().get("types").forEach(t -> byType.put(t.get("type").asText(), t));

        assertFigures(byType.get("OPT_OUT"), 3, 3, 0, 0, days.get("OPT_OUT"));
        assertFigures(byType.get("DELETE"), 3, 0, 2, 1, days.get("DELETE"));
        assertFigures(byType.get("ACCESS"), 0, 0, 0, 0, List.of());
        assertFigures(byType.get("CORRECT"), 0, 0, 0, 0, List.of());
        assertFigures(byType.get("LIMIT"), 0, 0, 0, 0, List.of());
    }

    @Test
    void aRecordOlderThanTwentyFourMonthsKeepsNoConsumerIdentity() {
        String run = run();
        String email = "old-" + run + "@example.com";
        String visitor = "vold-" + run;
        // received 24 months ago less 20 seconds: the oldest a request may be logged, and 20 s from expiry
        Instant received = ZonedDateTime.now(ZoneOffset.UTC)
                .minusMonths(24)
                .plusSeconds(20)
                .toInstant()
                .truncatedTo(ChronoUnit.SECONDS);
        String old = open(Map.of(
                "type",
                "OPT_OUT",
                "subjectEmail",
                email,
                "subjectVisitorId",
                visitor,
                "channel",
                "EMAIL",
                "receivedAt",
                received.toString()));
        String recent = open(Map.of("type", "LIMIT", "subjectEmail", email, "channel", "EMAIL"));
        assertThat(read(old).body()).contains(email).contains(visitor);

        // once the record is past its 24 months, the consumer's identity is erased; counts and dates stay
        await().atMost(WAIT).until(() -> read(old).json().hasNonNull("identityErasedAt"));
        RunningSystem.Response erased = read(old);
        assertThat(erased.body()).doesNotContain(email).doesNotContain(visitor);
        assertThat(erased.json().get("type").asText()).isEqualTo("OPT_OUT");
        assertThat(Instant.parse(erased.json().get("receivedAt").asText())).isEqualTo(received);
        // a younger record of the same consumer keeps it
        RunningSystem.Response kept = read(recent);
        assertThat(kept.json().path("identityErasedAt").isMissingNode()
                        || kept.json().get("identityErasedAt").isNull())
                .isTrue();
        assertThat(kept.body()).contains(email);
    }

    // ------------------------------------------------------------------ the system, as users see it

    private static void assertFigures(
            JsonNode figures, long received, long complied, long denied, long pending, List<Long> days) {
        assertThat(figures.get("received").asLong()).as(figures.toString()).isEqualTo(received);
        assertThat(figures.get("compliedWith").asLong()).as(figures.toString()).isEqualTo(complied);
        assertThat(figures.get("denied").asLong()).as(figures.toString()).isEqualTo(denied);
        assertThat(figures.get("pending").asLong()).as(figures.toString()).isEqualTo(pending);
        if (days.isEmpty()) {
            assertThat(figures.get("medianDaysToRespond").isNull()).isTrue();
            assertThat(figures.get("meanDaysToRespond").isNull()).isTrue();
            return;
        }
        List<Long> sorted = days.stream().sorted().toList();
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        double mean = sorted.stream().mapToLong(Long::longValue).average().orElseThrow();
        assertThat(figures.get("medianDaysToRespond").asDouble()).isEqualTo(median);
        assertThat(figures.get("meanDaysToRespond").asDouble())
                .isCloseTo(mean, org.assertj.core.data.Offset.offset(0.005));
    }

    /** Calendar days (UTC, the stack's statutory zone) from receipt to the answer. */
    private static long daysToRespond(String account, String token, String requestId) {
        JsonNode request = system.call(
                        "GET", Service.REQUEST, "/accounts/" + account + "/rights-requests/" + requestId, token, null)
                .json();
        LocalDate received =
                LocalDate.ofInstant(Instant.parse(request.get("receivedAt").asText()), ZoneOffset.UTC);
        LocalDate closed =
                LocalDate.ofInstant(Instant.parse(request.get("closedAt").asText()), ZoneOffset.UTC);
        return ChronoUnit.DAYS.between(received, closed);
    }

    private static String register(String name, String ownerEmail) {
        RunningSystem.Response created = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                system.stack().jwt().adminToken(),
                Map.of("name", name, "ownerEmail", ownerEmail, "allowedOrigins", List.of("https://shop.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("accountId").asText();
    }

    private static String open(Map<String, Object> body) {
        return open(demo.accountId(), demo.agentToken(), body);
    }

    private static String open(String account, String token, Map<String, Object> body) {
        RunningSystem.Response opened =
                system.call("POST", Service.REQUEST, "/accounts/" + account + "/rights-requests", token, body);
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        return opened.json().get("requestId").asText();
    }

    private static RunningSystem.Response read(String requestId) {
        RunningSystem.Response response = system.call(
                "GET",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests/" + requestId,
                demo.agentToken(),
                null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response;
    }

    private static String status(String requestId) {
        return status(demo.accountId(), demo.agentToken(), requestId);
    }

    private static String status(String account, String token, String requestId) {
        RunningSystem.Response response = system.call(
                "GET", Service.REQUEST, "/accounts/" + account + "/rights-requests/" + requestId, token, null);
        return response.status() == 200 ? response.json().get("status").asText() : null;
    }

    private static RunningSystem.Response extend(String requestId, Map<String, Object> body) {
        return system.call(
                "POST",
                Service.REQUEST,
                "/accounts/" + demo.accountId() + "/rights-requests/" + requestId + "/extension",
                demo.agentToken(),
                body);
    }

    private static JsonNode optOutStatus(String visitorId) {
        RunningSystem.Response status = system.callWithHeaders(
                "GET",
                Service.CONSENT,
                "/widget/visitors/" + visitorId + "/opt-out",
                Map.of("X-Widget-Key", demo.widgetKey()),
                null);
        assertThat(status.status()).as(status.body()).isEqualTo(200);
        return status.json();
    }

    private static long completionNotices(String address, String requestId) {
        return mail.messagesTo(address).stream()
                .filter(m -> Mails.subject(m).contains("was completed"))
                .filter(m -> Mails.raw(m).contains(requestId))
                .count();
    }

    private static JsonNode chat(String chatId) {
        return readTree(chatBody(chatId));
    }

    private static JsonNode readTree(String json) {
        try {
            return RunningSystem.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String chatBody(String chatId) {
        RunningSystem.Response response = system.call(
                "GET", Service.DELETION, "/accounts/" + demo.accountId() + "/chats/" + chatId, demo.ownerToken(), null);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    // ------------------------------------------------------------------ test data

    static Map<String, Object> chat(String chatId, String visitorId, String email, String name, String text) {
        return chat(chatId, visitorId, email, name, text, Instant.parse("2026-11-20T10:00:00Z"));
    }

    static Map<String, Object> chat(
            String chatId, String visitorId, String email, String name, String text, Instant start) {
        Map<String, Object> chat = new HashMap<>();
        chat.put("chatId", chatId);
        chat.put("visitorId", visitorId);
        chat.put("visitorEmail", email);
        chat.put("visitorName", name);
        chat.put("agentIds", List.of("agent-7"));
        chat.put("startedAt", start.toString());
        chat.put("endedAt", start.plusSeconds(300).toString());
        chat.put(
                "messages",
                List.of(
                        Map.of(
                                "authorType",
                                "VISITOR",
                                "authorId",
                                visitorId,
                                "text",
                                text,
                                "sentAt",
                                start.plusSeconds(1).toString()),
                        Map.of(
                                "authorType",
                                "AGENT",
                                "authorId",
                                "agent-7",
                                "text",
                                "Happy to help.",
                                "sentAt",
                                start.plusSeconds(2).toString())));
        chat.put("tags", List.of());
        return chat;
    }

    private static Map<String, Object> ticket(String ticketId, String visitorId, String email, String text) {
        Instant created = Instant.parse("2026-11-21T10:00:00Z");
        Map<String, Object> ticket = new HashMap<>();
        ticket.put("ticketId", ticketId);
        ticket.put("visitorId", visitorId);
        ticket.put("requesterEmail", email);
        ticket.put("requesterName", "Ticket Requester");
        ticket.put("subject", "A question");
        ticket.put("status", "OPEN");
        ticket.put("createdAt", created.toString());
        ticket.put("updatedAt", created.plusSeconds(10).toString());
        ticket.put(
                "messages",
                List.of(Map.of(
                        "authorType", "VISITOR", "authorId", visitorId, "text", text, "sentAt", created.toString())));
        return ticket;
    }
}
