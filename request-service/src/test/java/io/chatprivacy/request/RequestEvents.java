package io.chatprivacy.request;

import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what this service published on {@code request-events}, from the beginning, for one test. */
public final class RequestEvents implements AutoCloseable {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private final ConsumerTask<String, String> task;

    private RequestEvents(ConsumerTask<String, String> task) {
        this.task = task;
    }

    public static RequestEvents read(KafkaCompanion kafka) {
        return new RequestEvents(kafka.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("request-events"));
    }

    /** The events of this type about this request seen so far. */
    public List<ConsumerRecord<String, String>> about(String type, Object requestId) {
        return task.getRecords().stream()
                .filter(r -> type.equals(header(r, "ce_type"))
                        && requestId.toString().equals(header(r, "ce_subject")))
                .toList();
    }

    /** Waits for the first event of this type about this request. */
    public ConsumerRecord<String, String> await(String type, Object requestId) {
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> !about(type, requestId).isEmpty());
        return about(type, requestId).get(0);
    }

    /** Waits until the relay is quiet long enough for an unwanted event to have shown up, then counts. */
    public int settledCount(String type, Object requestId, String markerType, Object markerRequest) {
        await(markerType, markerRequest);
        return about(type, requestId).size();
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        task.stop();
    }
}
