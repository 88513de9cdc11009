package io.chatprivacy.bench.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Watches {@code deletion-events} from the moment it starts (no consumer group: it reads every partition
 * from the end) and notes when each request's events arrived.
 */
public final class DeletionEventWatcher implements AutoCloseable {

    /** An event as seen: when it arrived (System.nanoTime) and its data. */
    public record Seen(long arrivedNanos, JsonNode data) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DeletionEventWatcher(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor("deletion-events", Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets now, before anything is produced
        thread = new Thread(this::loop, "deletion-events-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** The event of this type for this request, once it has arrived; null until then. */
    public Seen find(String requestId, String type) {
        return seen.get(requestId + "/" + type);
    }

    /** How many events of this type for this request have arrived (more than one: a duplicate). */
    public int count(String requestId, String type) {
        return counts.getOrDefault(requestId + "/" + type, 0);
    }

    /** Waits up to {@code millis} for the event; null on timeout. */
    public Seen await(String requestId, String type, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Seen event = find(requestId, type);
            if (event != null) {
                return event;
            }
            Thread.sleep(5);
        }
        return null;
    }

    private void loop() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                long now = System.nanoTime();
                try {
                    JsonNode data = JSON.readTree(record.value());
                    Header type = record.headers().lastHeader("ce_type");
                    if (type != null && data.hasNonNull("requestId")) {
                        String key =
                                data.get("requestId").asText() + "/" + new String(type.value(), StandardCharsets.UTF_8);
                        seen.putIfAbsent(key, new Seen(now, data));
                        counts.merge(key, 1, Integer::sum);
                    }
                } catch (Exception e) {
                    // not an event of ours
                }
            }
        }
        consumer.close(Duration.ofSeconds(1));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
