package io.chatprivacy.infra.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A producer's golden sample of one event type, read from {@code contracts/<topic>/<type>.json} at
 * the repository root: a CloudEvent in structured JSON form whose {@code partitionkey} is the Kafka
 * key. Producers' tests compare their serialised records with {@link #data()}; consumers' tests
 * publish it in binary mode with {@link #toRecord()}, exactly as the outbox relay would.
 */
public final class GoldenEvent {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String topic;
    private final ObjectNode event;

    private GoldenEvent(String topic, ObjectNode event) {
        this.topic = topic;
        this.event = event;
    }

    /** Loads {@code contracts/<topic>/<type>.json}. */
    public static GoldenEvent load(String topic, String type) {
        Path file = contractsDir().resolve(topic).resolve(type + ".json");
        try {
            return new GoldenEvent(topic, (ObjectNode) MAPPER.readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden sample " + file, e);
        }
    }

    /** The folder holding every producer's samples, found by walking up from the working directory. */
    public static Path contractsDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("contracts");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException(
                "no contracts/ folder above " + Path.of("").toAbsolutePath());
    }

    public String topic() {
        return topic;
    }

    public String attribute(String name) {
        JsonNode value = event.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    /**
     * Where the sample travels and the attributes it travels with, as the outbox takes them from the
     * producer's record: topic, Kafka key ({@code partitionkey}), type, accountid, subject, schemaversion.
     * A producer's test holds its record's own routing to it.
     */
    public Routing routing() {
        return new Routing(
                topic,
                attribute("partitionkey"),
                attribute("type"),
                attribute("accountid") == null ? null : UUID.fromString(attribute("accountid")),
                attribute("subject"),
                attribute("schemaversion"));
    }

    /** An event's topic, Kafka key and CloudEvents routing attributes. */
    public record Routing(
            String topic, String key, String type, UUID accountId, String subject, String schemaVersion) {}

    /** A copy of the sample's data. */
    public ObjectNode data() {
        return ((ObjectNode) event.get("data")).deepCopy();
    }

    /** A copy with some attributes (id, accountid, partitionkey, ...) replaced. */
    public GoldenEvent withAttributes(Map<String, String> attributes) {
        ObjectNode copy = event.deepCopy();
        attributes.forEach(copy::put);
        return new GoldenEvent(topic, copy);
    }

    /** A copy whose data has some top-level fields replaced. */
    public GoldenEvent withData(Map<String, Object> fields) {
        ObjectNode copy = event.deepCopy();
        ObjectNode data = (ObjectNode) copy.get("data");
        fields.forEach((name, value) -> data.set(name, MAPPER.valueToTree(value)));
        return new GoldenEvent(topic, copy);
    }

    /** The sample as the Kafka record the outbox relay would produce (CloudEvents binary mode). */
    public ProducerRecord<String, String> toRecord() {
        RecordHeaders headers = new RecordHeaders();
        for (Iterator<Map.Entry<String, JsonNode>> fields = event.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("data")
                    || name.equals("partitionkey")
                    || field.getValue().isNull()) {
                continue;
            }
            String header = name.equals("datacontenttype") ? "content-type" : "ce_" + name;
            headers.add(header, field.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new ProducerRecord<>(
                    topic, null, attribute("partitionkey"), MAPPER.writeValueAsString(event.get("data")), headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
