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
final class EventCheck implements AutoCloseable {

    /** What the topic held for the run. */
    record Seen(Set<String> receipts, long events) {}

    static final String TOPIC = "consent-events";

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper json = new ObjectMapper();
    private Map<TopicPartition, Long> startOffsets = Map.of();

    EventCheck(String bootstrap) {
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
    void markStart() {
        List<TopicPartition> partitions = partitions();
        startOffsets = partitions.isEmpty() ? Map.of() : new HashMap<>(consumer.endOffsets(partitions));
    }

    /**
     * Consumes until every expected receipt was seen, or nothing new arrived for {@code quiet}.
     *
     * @param visitorPrefix only events of visitors with this prefix belong to the run
     */
    Seen await(Set<String> expected, String visitorPrefix, Duration quiet, Duration max) {
        List<TopicPartition> partitions = partitions();
        consumer.assign(partitions);
        for (TopicPartition partition : partitions) {
            consumer.seek(partition, startOffsets.getOrDefault(partition, 0L));
        }
        Set<String> seen = new HashSet<>();
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
                seen.add(receiptId(record.value()));
            }
            if (seen.containsAll(expected)) {
                break;
            }
        }
        return new Seen(seen, events);
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
