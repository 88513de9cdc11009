package io.chatprivacy.consent;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.consent.domain.Account;
import io.chatprivacy.consent.persistence.AccountRepository;
import io.chatprivacy.infra.testing.TestTokens;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Test accounts, forms and calls shared by the consent-service tests (each test makes its own ids). */
public final class Fixtures {

    public static final String CHAT_TEXT_V1 =
            "I agree that Demo Shop processes what I write in this chat to answer me; see the"
                    + " [privacy policy](https://shop.example/privacy). I can revoke this at any time.";
    public static final String CHAT_TEXT_V2 =
            "I agree that Demo Shop processes what I write in this chat to answer me and keeps it 12 months;"
                    + " see the [privacy policy](https://shop.example/privacy).";
    public static final String NEWS_TEXT = "Send me the newsletter.";

    /** An account in consent-service's copy of the registry, with its widget key in clear. */
    public record TestAccount(UUID id, String widgetKey, String origin) {

        public String ownerToken() {
            return TestTokens.token(id, "owner");
        }

        public String agentToken() {
            return TestTokens.token(id, "agent");
        }

        public String platformToken() {
            return TestTokens.token(id, "platform");
        }

        /** A widget call with this account's key from its allowed origin. */
        public RequestSpecification widget() {
            return given().header("X-Widget-Key", widgetKey)
                    .header("Origin", origin)
                    .contentType("application/json");
        }
    }

    private Fixtures() {}

    public static TestAccount account() {
        UUID id = UUID.randomUUID();
        String key = "wk_test_" + UUID.randomUUID();
        String origin = "https://shop-" + id.toString().substring(0, 8) + ".example";
        QuarkusTransaction.requiringNew().run(() -> {
            Account account = Account.of(id);
            account.update(
                    io.chatprivacy.consent.domain.Hashes.sha256(key),
                    List.of(origin, "http://localhost:3000"),
                    "ACTIVE",
                    Instant.now());
            Arc.container().instance(AccountRepository.class).get().persist(account);
        });
        return new TestAccount(id, key, origin);
    }

    public static String visitor() {
        return "v-" + UUID.randomUUID();
    }

    /** Publishes a form with a required chat consent of the given text and an optional newsletter. */
    public static int publish(TestAccount account, String chatText) {
        return publish(account, chatText, NEWS_TEXT);
    }

    public static int publish(TestAccount account, String chatText, String newsText) {
        return given().auth()
                .oauth2(account.ownerToken())
                .contentType("application/json")
                .body(formBody(chatText, newsText))
                .post("/accounts/{accountId}/form-versions", account.id())
                .then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201)))
                .extract()
                .path("version");
    }

    public static String formBody(String chatText, String newsText) {
        return """
                {"fields": [
                   {"id": "name", "kind": "NAME", "label": "Your name", "required": false},
                   {"id": "email", "kind": "EMAIL", "label": "Your email", "required": false},
                   {"id": "question", "kind": "TEXT", "label": "How can we help?", "required": true}],
                 "consents": [
                   {"id": "chat", "label": %s, "required": true},
                   {"id": "news", "label": %s, "required": false}]}
                """.formatted(json(chatText), json(newsText));
    }

    /** Posts a consent; returns the raw answer. */
    public static Response consent(TestAccount account, int version, String visitorId, String... consents) {
        return account.widget()
                .body(Map.of("formVersion", version, "visitorId", visitorId, "consents", List.of(consents)))
                .post("/widget/consents");
    }

    /** Posts a consent that must succeed; returns the receipt id. */
    public static String grant(TestAccount account, int version, String visitorId) {
        return consent(account, version, visitorId, "chat")
                .then()
                .statusCode(201)
                .extract()
                .path("receiptId");
    }

    /** Rows of the ledger for a visitor: kind per row, oldest first. */
    public static List<String> ledgerKinds(UUID accountId, String visitorId) {
        return query(
                "select kind from consent_entry where account_id = ? and visitor_id = ? order by recorded_at, kind",
                accountId,
                visitorId);
    }

    /** Outbox rows (published or not) whose key is this visitor. */
    public static List<String> outboxTypes(String visitorId) {
        return query("select type from outbox_event where event_key = ? order by seq", visitorId);
    }

    public static List<String> query(String sql, Object... params) {
        AgroalDataSource dataSource =
                Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the topic holds {@code count} records keyed {@code key}; returns them in order. */
    public static List<ConsumerRecord<String, String>> awaitRecords(
            KafkaCompanion kafka, String topic, String key, int count) {
        ConsumerTask<String, String> task = kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics(topic);
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> task.getRecords().stream()
                                    .filter(r -> key.equals(r.key()))
                                    .count()
                            >= count);
            return task.getRecords().stream().filter(r -> key.equals(r.key())).toList();
        } finally {
            task.stop();
        }
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
