package io.chatprivacy.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void keepsDataAcrossStopRestartAndAcrossInstances() throws Exception {
        Path dir = Infra.workDir().resolve("kafka-test-" + UUID.randomUUID());
        long t0 = System.nanoTime();
        try (KafkaBroker broker = KafkaBroker.start(dir, 0)) {
            System.out.printf("broker start: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + broker.port());

            produce(broker.bootstrapServers(), "orders", "a", "b");
            assertThat(consumeAll(broker.bootstrapServers(), "orders", 2)).containsExactly("a", "b");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(Ports.inUse(broker.port())).isFalse();

            t0 = System.nanoTime();
            broker.restart();
            System.out.printf("broker restart: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            produce(broker.bootstrapServers(), "orders", "c");
            assertThat(consumeAll(broker.bootstrapServers(), "orders", 3)).containsExactly("a", "b", "c");
        }
        assertThat(dir).exists(); // persistent: kept on close

        try (KafkaBroker again = KafkaBroker.start(dir, 0)) {
            assertThat(consumeAll(again.bootstrapServers(), "orders", 3)).containsExactly("a", "b", "c");
        } finally {
            Files2.deleteRecursively(dir);
        }
    }

    @Test
    void temporaryLogDirIsDeletedOnClose() {
        Path logDir;
        try (KafkaBroker broker = KafkaBroker.start(null, 0)) {
            logDir = broker.logDir();
            assertThat(logDir).startsWith(Infra.workDir());
            assertThat(Files.exists(logDir.resolve("meta.properties"))).isTrue();
        }
        assertThat(logDir).doesNotExist();
    }

    static void produce(String bootstrap, String topic, String... values) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (String value : values) {
                // one key: one partition, so the order is kept
                producer.send(new ProducerRecord<>(topic, "key", value)).get();
            }
        }
    }

    static List<String> consumeAll(String bootstrap, String topic, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
