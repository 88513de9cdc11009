package io.chatprivacy.bench.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import java.util.function.IntConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the chat platform: writes {@code chat.archived.v1} events (the shape of
 * contracts/chat-transcripts) to {@code chat-transcripts}, keyed by account id, and waits until the
 * vault holds them all.
 */
public final class ChatLoader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrap;
    private final String jdbcUrl;
    private final Properties dbProperties;

    public ChatLoader(String bootstrap, String jdbcUrl, Properties dbProperties) {
        this.bootstrap = bootstrap;
        this.jdbcUrl = jdbcUrl;
        this.dbProperties = dbProperties;
    }

    /** Sends {@code count} chats of {@code messages} messages each, every one tagged {@code tag}; returns bytes sent. */
    public long send(String accountId, String runId, String tag, int count, int messages) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long bytes = 0;
        Instant started = Instant.parse("2026-11-01T09:00:00Z");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < count; i++) {
                String chatId = chatId(runId, tag, i);
                String value = chat(accountId, chatId, tag, messages, started.plusSeconds(i));
                bytes += value.length();
                RecordHeaders headers = new RecordHeaders();
                header(headers, "ce_specversion", "1.0");
                header(headers, "ce_id", UUID.randomUUID().toString());
                header(headers, "ce_source", "/chat-platform");
                header(headers, "ce_type", "chat.archived.v1");
                header(headers, "ce_time", Instant.now().toString());
                header(headers, "ce_subject", chatId);
                header(headers, "ce_accountid", accountId);
                header(headers, "ce_schemaversion", "1.0");
                header(headers, "content-type", "application/json");
                producer.send(new ProducerRecord<>("chat-transcripts", null, accountId, value, headers));
            }
            producer.flush();
        }
        return bytes;
    }

    /** The id {@link #send} gives the {@code i}th chat of a run's tag. */
    public static String chatId(String runId, String tag, int i) {
        return runId + "-" + tag + "-" + i;
    }

    /** The address of the visitor of the chat with this id (one visitor per chat). */
    public static String visitorEmail(String chatId) {
        return chatId.toLowerCase(java.util.Locale.ROOT) + "@visitors.example";
    }

    /**
     * Waits until the vault holds {@code count} chats tagged {@code tag}; false on timeout. It follows
     * {@code created} (chats the vault has created since the run began, from deletion-service's metrics,
     * cheap to read) and counts the tag's rows in the database only to confirm: counting them every
     * quarter second cost PostgreSQL more with every chat stored (a fifth of a core by 100,000) and slowed
     * the ingest it measured. Without the metric ({@code NaN}) it counts once a second (a few times a
     * second for small counts).
     */
    public boolean awaitStored(
            String accountId, String tag, int count, long timeoutMillis, DoubleSupplier created, IntConsumer progress)
            throws SQLException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long lastReport = System.currentTimeMillis();
        while (System.currentTimeMillis() < deadline) {
            double soFar = created.getAsDouble();
            boolean metric = !Double.isNaN(soFar);
            if (!metric || soFar >= count) {
                int stored = stored(accountId, tag);
                if (stored >= count) {
                    return true;
                }
                soFar = stored;
            }
            if (System.currentTimeMillis() - lastReport > 10_000) {
                progress.accept((int) soFar);
                lastReport = System.currentTimeMillis();
            }
            Thread.sleep(metric ? 100 : count > 1_000 ? 1_000 : 50);
        }
        return false;
    }

    int stored(String accountId, String tag) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbProperties);
                PreparedStatement s = c.prepareStatement("select count(*) from item_tag where account_id = ?::uuid"
                        + " and item_type = 'CHAT' and tag = ?")) {
            s.setString(1, accountId);
            s.setString(2, tag);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /** The size a stored chat's content has (for the baseline's rows): JSON of its personal part plus IV and tag. */
    static int contentBytes(int messages) {
        return chat(UUID.randomUUID().toString(), "x", "t", messages, Instant.now())
                        .length()
                + 28;
    }

    private static String chat(String accountId, String chatId, String tag, int messages, Instant startedAt) {
        ObjectNode chat = JSON.createObjectNode();
        chat.put("chatId", chatId);
        chat.put("accountId", accountId);
        chat.put("visitorId", "visitor-" + chatId);
        chat.put("visitorEmail", visitorEmail(chatId));
        chat.put("visitorName", "Visitor " + chatId);
        chat.putArray("agentIds").add("agent-1");
        chat.put("startedAt", startedAt.toString());
        chat.put("endedAt", startedAt.plusSeconds(300).toString());
        ArrayNode list = chat.putArray("messages");
        for (int m = 0; m < messages; m++) {
            ObjectNode message = list.addObject();
            boolean visitor = m % 2 == 0;
            message.put("authorType", visitor ? "VISITOR" : "AGENT");
            message.put("authorId", visitor ? "visitor-" + chatId : "agent-1");
            message.put(
                    "text",
                    visitor
                            ? "Hello, I have a question about my order number " + (1000 + m) + ", it has not arrived."
                            : "Thanks for waiting, I am checking the shipment status for you right now.");
            message.put("sentAt", startedAt.plusSeconds(10L * m).toString());
        }
        chat.putArray("tags").add(tag);
        return chat.toString();
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
