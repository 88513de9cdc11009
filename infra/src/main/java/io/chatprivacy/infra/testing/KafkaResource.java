package io.chatprivacy.infra.testing;

import io.chatprivacy.infra.Infra;
import io.chatprivacy.infra.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Kafka broker for {@code @QuarkusTest}s: the JVM-wide {@link Infra#kafka()} broker (started once per test JVM,
 * never stopped by {@link #stop()}).
 *
 * <p>Config: {@code kafka.bootstrap.servers} and {@code mp.messaging.connector.smallrye-kafka.bootstrap.servers}.
 *
 * <p>Injects {@link KafkaBroker} fields annotated {@link InjectKafkaBroker} and {@code KafkaCompanion} fields annotated
 * {@code @io.quarkus.test.kafka.InjectKafkaCompanion} (needs {@code io.quarkus:quarkus-test-kafka-companion}).
 *
 * <pre>{@code
 * @QuarkusTest
 * @QuarkusTestResource(KafkaResource.class)
 * class MyTest {
 *     @InjectKafkaCompanion KafkaCompanion companion;
 *     @InjectKafkaBroker KafkaBroker broker;
 * }
 * }</pre>
 */
public class KafkaResource implements QuarkusTestResourceLifecycleManager {
    private static final String COMPANION = "io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion";
    private static final String INJECT_COMPANION = "io.quarkus.test.kafka.InjectKafkaCompanion";

    private KafkaBroker broker;
    private final List<AutoCloseable> companions = new ArrayList<>();

    @Override
    public Map<String, String> start() {
        broker = Infra.kafka();
        if (!broker.isRunning()) {
            broker.restart(); // a previous test stopped it and did not bring it back
        }
        String bootstrap = broker.bootstrapServers();
        return Map.of(
                "kafka.bootstrap.servers", bootstrap,
                "mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap);
    }

    @Override
    public void inject(Object testInstance) {
        KafkaBroker kafka = broker != null ? broker : Infra.kafka();
        Injection.inject(
                testInstance,
                InjectKafkaBroker.class.getName(),
                KafkaBroker.class.getName(),
                type -> Injection.facade(type, kafka));
        Injection.inject(testInstance, INJECT_COMPANION, COMPANION, type -> companion(type, kafka.bootstrapServers()));
    }

    private synchronized Object companion(Class<?> type, String bootstrap) {
        for (AutoCloseable existing : companions) {
            if (type.isInstance(existing)) {
                return existing;
            }
        }
        try {
            AutoCloseable companion =
                    (AutoCloseable) type.getConstructor(String.class).newInstance(bootstrap);
            companions.add(companion);
            return companion;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot create " + COMPANION, e);
        }
    }

    /** Closes the companions; the broker keeps running for the other tests in this JVM. */
    @Override
    public synchronized void stop() {
        for (AutoCloseable companion : companions) {
            try {
                companion.close();
            } catch (Exception e) {
                // best effort
            }
        }
        companions.clear();
    }
}
