package io.chatprivacy.platform.inbox;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.fault.KafkaDeadLetterQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves single records of a batch-consumed channel to its dead-letter topic, with the same headers the
 * connector's own dead-letter strategy writes ({@code dead-letter-reason}, {@code dead-letter-topic},
 * ...). The connector can only dead-letter a failed batch as a whole; one poison record must not take
 * its neighbours with it.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final Map<String, Object> kafkaConfig;
    private final String service;
    private KafkaProducer<String, String> producer;

    DeadLetters(
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafkaConfig = kafkaConfig;
        this.service = service;
    }

    /** Writes the record to {@code topic} and waits for the broker's acknowledgement. */
    public void send(String topic, ConsumerRecord<String, String> record, Throwable reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_REASON, bytes(String.valueOf(reason.getMessage())));
        headers.add(
                KafkaDeadLetterQueue.DEAD_LETTER_EXCEPTION_CLASS_NAME,
                bytes(reason.getClass().getName()));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_TOPIC, bytes(record.topic()));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(KafkaDeadLetterQueue.DEAD_LETTER_OFFSET, bytes(Long.toString(record.offset())));
        try {
            producer()
                    .send(new ProducerRecord<>(topic, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while dead-lettering a record", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not write a record to " + topic, e);
        }
        LOG.errorf(
                "Record %s/%d@%d moved to %s: %s",
                record.topic(), record.partition(), record.offset(), topic, reason.getMessage());
    }

    void onStop(@Observes ShutdownEvent event) {
        closeProducer();
    }

    private synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Map<String, Object> props = new HashMap<>();
            kafkaConfig.forEach((name, value) -> {
                if (ProducerConfig.configNames().contains(name)) {
                    props.put(name, value);
                }
            });
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters");
            producer = new KafkaProducer<>(props);
        }
        return producer;
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
            producer = null;
        }
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
