package io.chatprivacy.bench.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code consent-events} from the offsets noted before the run and collects the receipts of the
 * run's {@code consent.granted.v1} events, waiting while the outbox relay catches up.
 */
public final class EventCheck implements AutoCloseable {

    /** What the topic held for the run. */
    record Seen(Set<String> receipts, long events) {}

    static final String TOPIC = "consent-events";

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json = new ObjectMapper();
    private Map<TopicPartition, Long> startOffsets = Map.of();

    public EventCheck(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(props);
    }

    /** Notes where the topic ends now; the run's events come after. */
    public void markStart() {
        List<TopicPartition> partitions = partitions();
        startOffsets = partitions.isEmpty() ? Map.of() : new HashMap<>(consumer.endOffsets(partitions));
    }

    /**
     * Consumes until every expected receipt was seen, or nothing new arrived for {@code quiet}.
     *
     * @param visitorPrefix only events of visitors with this prefix belong to the run
     */
    Seen await(Set<String> expected, String visitorPrefix, Duration quiet, Duration max) {
        Set<String> seen = new HashSet<>();
        long events = scan(visitorPrefix, quiet, max, seen::add, () -> seen.containsAll(expected));
        return new Seen(seen, events);
    }

    /**
     * Reads from the noted offsets and hands the receipt id of every {@code consent.granted.v1} of a
     * visitor with this prefix to {@code receipt}, until {@code complete} says so (asked after each
     * poll), nothing new arrived for {@code quiet}, or {@code max} passed.
     *
     * @return the number of the run's granted events read
     */
    public long scan(
            String visitorPrefix, Duration quiet, Duration max, Consumer<String> receipt, BooleanSupplier complete) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, startOffsets.getOrDefault(partition, 0L));
        }
        long events = 0;
        long deadline = System.nanoTime() + max.toNanos();
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - lastProgress < quiet.toNanos()) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                lastProgress = System.nanoTime();
                if (!"consent.granted.v1".equals(header(record, "ce_type"))
                        || record.key() == null
                        || !record.key().startsWith(visitorPrefix)) {
                    continue;
                }
                events++;
                receipt.accept(receiptId(record.value()));
            }
            if (complete.getAsBoolean()) {
                break;
            }
        }
        return events;
    }

    private List<TopicPartition> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30));
        return infos == null
                ? List.of()
                : infos.stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
    }

    private String receiptId(String value) {
        try {
            JsonNode data = json.readTree(value);
            return data.path("receiptId").asText();
        } catch (Exception e) {
            return "unreadable";
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
