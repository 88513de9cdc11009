package io.chatprivacy.platform.config;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The Kafka client settings every client of a service starts from: the messaging channels, the outbox relay, the
 * dead-letter producer and the Kafka health check all read this {@code default-kafka-broker} map.
 *
 * <p>It is Quarkus' own (every {@code kafka.*} property and {@code KAFKA_*} environment variable), less the settings
 * whose value is empty. Optional security settings are written {@code kafka.sasl.mechanism=${KAFKA_SASL_MECHANISM:}}
 * and an orchestrator may pass an empty variable for an absent key; handed on as an empty string, such a setting makes
 * the client fail to start ("Invalid value" or an unknown mechanism "") instead of using its default.
 */
@ApplicationScoped
public class KafkaClientSettings {

    @Produces
    @Singleton
    @Identifier("default-kafka-broker")
    Map<String, Object> defaultKafkaBroker(Config config, ApplicationConfig application) {
        return withoutEmptyValues(new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application));
    }

    /** The settings whose value is neither null nor blank, in their order. */
    public static Map<String, Object> withoutEmptyValues(Map<String, Object> settings) {
        Map<String, Object> kept = new LinkedHashMap<>();
        settings.forEach((name, value) -> {
            if (value != null && !(value instanceof String s && s.isBlank())) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
