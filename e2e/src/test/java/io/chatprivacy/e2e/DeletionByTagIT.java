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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The heart of the product, across request-, deletion- and notification-service over the real
 * broker, PostgreSQL and SMTP: everything of one account tagged {@code Delete} is purged only
 * after the owner presents the code that was emailed to the account's registered address, and
 * nothing else changes by a single byte.
 */
@Order(2)
class DeletionByTagIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8,18})");
    private static final String OWNER_ADDRESS = "owner@demo.example";
    private static final String TAG = "Delete";

    private static RunningSystem system;
    private static DemoCredentials demo;
    private static String accountB;
    private static String platformB;
    private static String ownerB;
    private static MailServer mail;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        demo = system.demo();
        mail = system.stack().mail().orElseThrow();
        RunningSystem.Response created = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                system.stack().jwt().adminToken(),
                Map.of(
                        "name",
                        "Second Shop",
                        "ownerEmail",
                        "owner@second.example",
                        "allowedOrigins",
                        List.of("https://second.example")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        accountB = created.json().get("accountId").asText();
        platformB = system.stack().jwt().platformToken("chat-platform@second.example", accountB);
        ownerB = system.stack().jwt().ownerToken("owner@second.example", accountB);
    }

    @Test
    void aVerifiedPurgeRemovesExactlyTheTaggedItemsOfOneAccount() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        // 1,000 chats and 200 tickets over two accounts; B's carry the same tag, to prove it stays B's
        List<Map<String, Object>> chatsA = chats(run, "a", 600, i -> List.of());
        List<Map<String, Object>> ticketsA = tickets(run, "a", 120);
        List<Map<String, Object>> chatsB = chats(run, "b", 400, i -> i < 100 ? List.of(TAG) : List.of());
        List<Map<String, Object>> ticketsB = tickets(run, "b", 80);
        system.ingest(demo.accountId(), demo.platformToken(), "chat-batches", "chats", chatsA);
        system.ingest(demo.accountId(), demo.platformToken(), "ticket-batches", "tickets", ticketsA);
        system.ingest(accountB, platformB, "chat-batches", "chats", chatsB);
        system.ingest(accountB, platformB, "ticket-batches", "tickets", ticketsB);

        // an agent tags 300 chats and 50 tickets of account A
        List<String> taggedChats = ids(chatsA, "chatId").subList(0, 300);
        List<String> taggedTickets = ids(ticketsA, "ticketId").subList(0, 50);
        taggedChats.forEach(id -> tag(demo.accountId(), "CHAT", id));
        taggedTickets.forEach(id -> tag(demo.accountId(), "TICKET", id));

        // what must survive, byte for byte
        Map<String, String> before = new LinkedHashMap<>();
        snapshot(
                before,
                demo.accountId(),
                demo.ownerToken(),
                "chats",
                ids(chatsA, "chatId").subList(300, 600));
        snapshot(
                before,
                demo.accountId(),
                demo.ownerToken(),
                "tickets",
                ids(ticketsA, "ticketId").subList(50, 120));
        snapshot(before, accountB, ownerB, "chats", ids(chatsB, "chatId"));
        snapshot(before, accountB, ownerB, "tickets", ids(ticketsB, "ticketId"));
        assertThat(before).hasSize(300 + 70 + 400 + 80);

        // the SMTP server is down when the request is opened
        int ownerMailsBefore = mail.messagesTo(OWNER_ADDRESS).size();
        mail.stop();
        String requestId;
        try {
            RunningSystem.Response opened = system.call(
                    "POST",
                    Service.REQUEST,
                    "/accounts/" + demo.accountId() + "/rights-requests",
                    demo.agentToken(),
                    Map.of("type", "DELETE", "tag", TAG, "channel", "WEB_FORM"));
            assertThat(opened.status()).as(opened.body()).isEqualTo(201);
            requestId = opened.json().get("requestId").asText();
            await().atMost(WAIT).until(() -> "AWAITING_VERIFICATION".equals(system.requestStatus(requestId)));
            await().atMost(WAIT).until(() -> codeMailAttempts(requestId) >= 1);
            assertThat(mail.messagesTo(OWNER_ADDRESS)).hasSize(ownerMailsBefore);
        } finally {
            mail.restart();
        }

        // once SMTP is back, the code arrives, exactly once, at the registered address only
        String firstCode = awaitCode(requestId, 1);
        await().atMost(WAIT).until(() -> "SENT".equals(codeMailStatus(requestId)));
        assertThat(codeMails(requestId)).hasSize(1);
        assertThat(Mails.raw(codeMails(requestId).get(0)))
                .contains(TAG)
                .contains("300")
                .contains("50");

        // five wrong codes lock the job; after that not even the right code works
        String wrong = firstCode.equals("00000000") ? "11111111" : "00000000";
        for (int attempt = 1; attempt <= 5; attempt++) {
            RunningSystem.Response refused = present(requestId, wrong);
            assertThat(refused.status())
                    .as("attempt %d: %s", attempt, refused.body())
                    .isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        RunningSystem.Response locked = present(requestId, firstCode);
        assertThat(locked.status()).as(locked.body()).isEqualTo(409);
        assertThat(before.keySet()).allSatisfy(key -> assertThat(key).isNotNull());
        assertThat(get(demo.accountId(), demo.ownerToken(), "chats", taggedChats.get(0))
                        .status())
                .isEqualTo(200);

        // a new job, with a new code (at most one a minute), and an agent may not authorise it
        await().atMost(Duration.ofSeconds(100))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> system.call(
                                        "POST",
                                        Service.DELETION,
                                        "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId
                                                + "/verification-code",
                                        demo.ownerToken(),
                                        null)
                                .status()
                        == 202);
        String secondCode = awaitCode(requestId, 2);
        assertThat(secondCode).isNotEqualTo(firstCode);
        assertThat(system.call(
                                "POST",
                                Service.DELETION,
                                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/verification",
                                demo.agentToken(),
                                Map.of("code", secondCode))
                        .status())
                .isEqualTo(403);
        RunningSystem.Response accepted = present(requestId, secondCode);
        assertThat(accepted.status()).as(accepted.body()).isIn(200, 202);

        // the request completes and the owner is told what was done
        await().atMost(WAIT).until(() -> "COMPLETED".equals(system.requestStatus(requestId)));
        MimeMessage confirmation = await().atMost(WAIT)
                .until(
                        () -> mail.messagesTo(OWNER_ADDRESS).stream()
                                .filter(m -> Mails.subject(m).startsWith("Deletion completed"))
                                .filter(m -> Mails.raw(m).contains(requestId)
                                        || Mails.subject(m).contains(receiptId(requestId)))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(Mails.raw(confirmation)).contains("300").contains("50");

        // exactly the 350 tagged items are gone ...
        for (String id : taggedChats) {
            assertThat(get(demo.accountId(), demo.ownerToken(), "chats", id).status())
                    .isEqualTo(404);
        }
        for (String id : taggedTickets) {
            assertThat(get(demo.accountId(), demo.ownerToken(), "tickets", id).status())
                    .isEqualTo(404);
        }
        // ... and everything else is untouched, byte for byte, in both accounts
        Map<String, String> after = new LinkedHashMap<>();
        snapshot(
                after,
                demo.accountId(),
                demo.ownerToken(),
                "chats",
                ids(chatsA, "chatId").subList(300, 600));
        snapshot(
                after,
                demo.accountId(),
                demo.ownerToken(),
                "tickets",
                ids(ticketsA, "ticketId").subList(50, 120));
        snapshot(after, accountB, ownerB, "chats", ids(chatsB, "chatId"));
        snapshot(after, accountB, ownerB, "tickets", ids(ticketsB, "ticketId"));
        assertThat(after).isEqualTo(before);

        // the receipt counts what was done and holds no email, name or message text
        RunningSystem.Response receipt = system.call(
                "GET",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/receipt",
                demo.ownerToken(),
                null);
        assertThat(receipt.status()).as(receipt.body()).isEqualTo(200);
        JsonNode json = receipt.json();
        assertThat(json.get("chatsDeleted").asInt()).isEqualTo(300);
        assertThat(json.get("ticketsDeleted").asInt()).isEqualTo(50);
        assertThat(receipt.body())
                .doesNotContain("@example.com")
                .doesNotContain("Visitor " + run)
                .doesNotContain("message " + run);

        // the code mail went out once per code, and to nobody else
        assertThat(codeMails(requestId)).hasSize(2);
        assertThat(mail.messages().stream()
                        .filter(m -> Mails.subject(m).startsWith("Verification code"))
                        .filter(m -> Mails.raw(m).contains(requestId)))
                .allSatisfy(m -> assertThat(Mails.recipients(m)).containsExactly(OWNER_ADDRESS));
    }

    // ------------------------------------------------------------------ the system, as users see it

    private static void tag(String accountId, String type, String id) {
        RunningSystem.Response response = system.call(
                "POST",
                Service.DELETION,
                "/accounts/" + accountId + "/tags",
                demo.platformToken(),
                Map.of("change", "ADDED", "targetType", type, "targetId", id, "tag", TAG));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
    }

    private static void snapshot(
            Map<String, String> into, String accountId, String token, String kind, List<String> ids) {
        for (String id : ids) {
            RunningSystem.Response response = get(accountId, token, kind, id);
            assertThat(response.status()).as(kind + " " + id).isEqualTo(200);
            into.put(accountId + "/" + kind + "/" + id, response.body());
        }
    }

    private static RunningSystem.Response get(String accountId, String token, String kind, String id) {
        return system.call("GET", Service.DELETION, "/accounts/" + accountId + "/" + kind + "/" + id, token, null);
    }

    private static RunningSystem.Response present(String requestId, String code) {
        return system.call(
                "POST",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId + "/verification",
                demo.ownerToken(),
                Map.of("code", code));
    }

    private static String receiptId(String requestId) {
        RunningSystem.Response job = system.call(
                "GET",
                Service.DELETION,
                "/accounts/" + demo.accountId() + "/deletion-requests/" + requestId,
                demo.ownerToken(),
                null);
        JsonNode receipt = job.status() == 200 ? job.json().get("receiptId") : null;
        return receipt == null || receipt.isNull() ? "no receipt yet" : receipt.asText();
    }

    private static List<JsonNode> codeMailLog(String requestId) {
        RunningSystem.Response log = system.call(
                "GET",
                Service.NOTIFICATION,
                "/accounts/" + demo.accountId() + "/notifications?requestId=" + requestId,
                demo.ownerToken(),
                null);
        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        JsonNode body = log.json();
        JsonNode items = body.isArray() ? body : body.path("items");
        items.forEach(entry -> {
            if ("VERIFICATION_CODE".equals(entry.path("template").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static int codeMailAttempts(String requestId) {
        return codeMailLog(requestId).stream()
                .mapToInt(e -> e.path("attempts").asInt())
                .max()
                .orElse(0);
    }

    private static String codeMailStatus(String requestId) {
        return codeMailLog(requestId).stream()
                .map(e -> e.path("status").asText())
                .findFirst()
                .orElse(null);
    }

    private static List<MimeMessage> codeMails(String requestId) {
        return mail.messagesTo(OWNER_ADDRESS).stream()
                .filter(m -> Mails.subject(m).startsWith("Verification code"))
                .filter(m -> Mails.raw(m).contains(requestId))
                .toList();
    }

    /** The code of the {@code n}-th code mail of this request. */
    private static String awaitCode(String requestId, int n) {
        List<MimeMessage> mails = await().atMost(WAIT).until(() -> codeMails(requestId), m -> m.size() >= n);
        Matcher matcher = CODE.matcher(Mails.raw(mails.get(n - 1)));
        assertThat(matcher.find()).as("a code in the mail").isTrue();
        return matcher.group(1);
    }

    // ------------------------------------------------------------------ test data

    private static List<Map<String, Object>> chats(
            String run, String account, int count, java.util.function.IntFunction<List<String>> tags) {
        List<Map<String, Object>> chats = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        for (int i = 0; i < count; i++) {
            Map<String, Object> chat = new HashMap<>();
            String visitor = "visitor-" + account + "-" + run + "-" + (i % 50);
            chat.put("chatId", "chat-" + account + "-" + run + "-" + i);
            chat.put("visitorId", visitor);
            chat.put("visitorEmail", visitor + "@example.com");
            chat.put("visitorName", "Visitor " + run + " " + i);
            chat.put("agentIds", List.of("agent-1"));
            chat.put("startedAt", start.plusSeconds(i * 60L).toString());
            chat.put("endedAt", start.plusSeconds(i * 60L + 30).toString());
            chat.put(
                    "messages",
                    List.of(
                            message(
                                    "VISITOR",
                                    visitor,
                                    "message " + run + " from visitor " + i,
                                    start.plusSeconds(i * 60L + 1)),
                            message(
                                    "AGENT",
                                    "agent-1",
                                    "message " + run + " from agent " + i,
                                    start.plusSeconds(i * 60L + 2))));
            chat.put("tags", tags.apply(i));
            chats.add(chat);
        }
        return chats;
    }

    private static List<Map<String, Object>> tickets(String run, String account, int count) {
        List<Map<String, Object>> tickets = new ArrayList<>();
        Instant created = Instant.parse("2026-11-02T10:00:00Z");
        for (int i = 0; i < count; i++) {
            Map<String, Object> ticket = new HashMap<>();
            String visitor = "visitor-" + account + "-" + run + "-" + (i % 50);
            ticket.put("ticketId", "ticket-" + account + "-" + run + "-" + i);
            ticket.put("visitorId", visitor);
            ticket.put("requesterEmail", visitor + "@example.com");
            ticket.put("requesterName", "Visitor " + run + " " + i);
            ticket.put("subject", "Order question " + i);
            ticket.put("status", "OPEN");
            ticket.put("createdAt", created.plusSeconds(i * 60L).toString());
            ticket.put("updatedAt", created.plusSeconds(i * 60L + 10).toString());
            ticket.put(
                    "messages",
                    List.of(message(
                            "VISITOR", visitor, "message " + run + " ticket " + i, created.plusSeconds(i * 60L))));
            tickets.add(ticket);
        }
        return tickets;
    }

    private static Map<String, Object> message(String authorType, String authorId, String text, Instant sentAt) {
        return Map.of("authorType", authorType, "authorId", authorId, "text", text, "sentAt", sentAt.toString());
    }

    private static List<String> ids(List<Map<String, Object>> items, String field) {
        return items.stream().map(item -> (String) item.get(field)).toList();
    }
}
