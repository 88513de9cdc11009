package io.chatprivacy.deletion;

import static io.restassured.RestAssured.given;

import io.chatprivacy.deletion.domain.Account;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.TestTokens;
import io.chatprivacy.platform.security.Roles;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/** Test data: accounts, chats and tickets as the platform sends them, and a reader of deletion-events. */
public final class Fixtures {

    public static final Duration WAIT = Duration.ofSeconds(30);
    public static final Instant STARTED = Instant.parse("2026-11-20T09:00:00Z");

    private Fixtures() {}

    /** Puts the account in this service's registry copy, as account-events would. */
    public static void registerAccount(AccountRepository accounts, UUID accountId, String ownerEmail) {
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.of(accountId);
            account.update("Shop " + accountId, ownerEmail, "ACTIVE", Instant.now());
            accounts.persist(account);
        });
    }

    public static String platform(UUID accountId) {
        return TestTokens.token(accountId, Roles.PLATFORM);
    }

    public static String owner(UUID accountId) {
        return TestTokens.token(accountId, Roles.OWNER);
    }

    public static String agent(UUID accountId) {
        return TestTokens.token(accountId, Roles.AGENT);
    }

    /** A chat body with a visitor of its own (email {@code <chatId>@visitors.example}). */
    public static Map<String, Object> chat(String chatId, List<String> tags) {
        return chat(chatId, "visitor-" + chatId, chatId + "@visitors.example", tags);
    }

    public static Map<String, Object> chat(String chatId, String visitorId, String email, List<String> tags) {
        Map<String, Object> chat = new LinkedHashMap<>();
        chat.put("chatId", chatId);
        chat.put("visitorId", visitorId);
        chat.put("visitorEmail", email);
        chat.put("visitorName", "Visitor " + chatId);
        chat.put("agentIds", List.of("agent-1"));
        chat.put("startedAt", STARTED.toString());
        chat.put("endedAt", STARTED.plusSeconds(600).toString());
        chat.put(
                "messages",
                List.of(
                        message("VISITOR", visitorId, "Secret message one of " + chatId),
                        message("AGENT", "agent-1", "Answer to " + chatId)));
        chat.put("tags", tags);
        return chat;
    }

    public static Map<String, Object> ticket(String ticketId, String email, List<String> tags) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("ticketId", ticketId);
        ticket.put("visitorId", "visitor-" + ticketId);
        ticket.put("requesterEmail", email);
        ticket.put("requesterName", "Requester " + ticketId);
        ticket.put("subject", "Subject of " + ticketId);
        ticket.put("status", "OPEN");
        ticket.put("createdAt", STARTED.toString());
        ticket.put("updatedAt", STARTED.plusSeconds(60).toString());
        ticket.put("chatIds", List.of());
        ticket.put("messages", List.of(message("VISITOR", "visitor-" + ticketId, "Ticket text of " + ticketId)));
        ticket.put("tags", tags);
        return ticket;
    }

    public static Map<String, Object> message(String authorType, String authorId, String text) {
        return Map.of("authorType", authorType, "authorId", authorId, "text", text, "sentAt", STARTED.toString());
    }

    /** Stores chats over the platform's batch endpoint, 500 at a time. */
    public static void ingestChats(UUID accountId, List<Map<String, Object>> chats) {
        for (int from = 0; from < chats.size(); from += 500) {
            given().auth()
                    .oauth2(platform(accountId))
                    .contentType(ContentType.JSON)
                    .body(Map.of("chats", chats.subList(from, Math.min(chats.size(), from + 500))))
                    .post("/accounts/{a}/chat-batches", accountId)
                    .then()
                    .statusCode(200);
        }
    }

    public static void ingestTickets(UUID accountId, List<Map<String, Object>> tickets) {
        for (int from = 0; from < tickets.size(); from += 500) {
            given().auth()
                    .oauth2(platform(accountId))
                    .contentType(ContentType.JSON)
                    .body(Map.of("tickets", tickets.subList(from, Math.min(tickets.size(), from + 500))))
                    .post("/accounts/{a}/ticket-batches", accountId)
                    .then()
                    .statusCode(200);
        }
    }

    public static void tag(UUID accountId, String change, String targetType, String targetId, String tag) {
        given().auth()
                .oauth2(platform(accountId))
                .contentType(ContentType.JSON)
                .body(Map.of("change", change, "targetType", targetType, "targetId", targetId, "tag", tag))
                .post("/accounts/{a}/tags", accountId)
                .then()
                .statusCode(200);
    }

    /** Reads deletion-events from now on (a fresh consumer group). */
    public static final class DeletionEvents implements AutoCloseable {

        private final ConsumerTask<String, String> task;

        public DeletionEvents(KafkaCompanion kafka) {
            task = kafka.consumeStrings()
                    .withGroupId("test-" + UUID.randomUUID())
                    .withAutoCommit()
                    .fromTopics("deletion-events");
        }

        /** The events of this account and type seen so far. */
        public List<ConsumerRecord<String, String>> of(UUID accountId, String type) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            for (ConsumerRecord<String, String> record : task.getRecords()) {
                if (type.equals(header(record, "ce_type"))
                        && accountId.toString().equals(record.key())) {
                    found.add(record);
                }
            }
            return found;
        }

        /** The events of this type seen so far, of any account. */
        public List<ConsumerRecord<String, String>> ofType(String type) {
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            for (ConsumerRecord<String, String> record : task.getRecords()) {
                if (type.equals(header(record, "ce_type"))) {
                    found.add(record);
                }
            }
            return found;
        }

        /** Waits for the account's events of this type to reach a count, and returns them. */
        public List<ConsumerRecord<String, String>> await(UUID accountId, String type, int count) {
            org.awaitility.Awaitility.await()
                    .atMost(WAIT)
                    .until(() -> of(accountId, type).size() >= count);
            return of(accountId, type);
        }

        @Override
        public void close() {
            task.stop();
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, Object> nulls(String... names) {
        Map<String, Object> fields = new HashMap<>();
        for (String name : names) {
            fields.put(name, null);
        }
        return fields;
    }
}
