package io.chatprivacy.consent.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.events.ConsentEvent;
import io.chatprivacy.platform.events.CloudEventHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code consent-events} from an instant on, as any consumer would (no consumer group: partitions assigned,
 * nothing committed), and keeps the {@code consent.opted-out.v1} of the visitors it watches. One per self-test run.
 */
final class ConsentTopicWatch implements AutoCloseable {

    /** A {@code consent.opted-out.v1} seen on the topic: its key, source and request id. */
    record Seen(String key, String source, String requestId) {}

    private static final String OPTED_OUT = "consent.opted-out.v1";

    private final KafkaConsumer<String, String> consumer;
    private final ObjectMapper mapper;
    private final Set<String> keys;
    private final List<Seen> seen = new ArrayList<>();

    ConsentTopicWatch(Map<String, Object> kafkaConfig, ObjectMapper mapper, Set<String> keys, Instant from) {
        this.mapper = mapper;
        this.keys = keys;
        Map<String, Object> props = new HashMap<>();
        kafkaConfig.forEach((name, value) -> {
            if (ConsumerConfig.configNames().contains(name)) {
                props.put(name, value);
            }
        });
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "opt-out-self-test");
        this.consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = consumer.partitionsFor(ConsentEvent.TOPIC, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at, Duration.ofSeconds(10));
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    /** Reads what arrived (waiting at most {@code wait}) and answers everything seen so far. */
    List<Seen> poll(Duration wait) {
        for (ConsumerRecord<String, String> record : consumer.poll(wait)) {
            if (record.key() == null || !keys.contains(record.key())) {
                continue;
            }
            Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
            if (type == null || !OPTED_OUT.equals(new String(type.value(), StandardCharsets.UTF_8))) {
                continue;
            }
            try {
                JsonNode data = mapper.readTree(record.value());
                seen.add(new Seen(
                        record.key(),
                        data.path("source").asText(null),
                        data.path("requestId").isNull()
                                ? null
                                : data.path("requestId").asText(null)));
            } catch (IOException e) {
                // not an event this run published: ignore it
            }
        }
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
