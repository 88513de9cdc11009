package io.chatprivacy.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.kafka.client.runtime.KafkaRuntimeConfigProducer;
import io.quarkus.runtime.ApplicationConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The Kafka settings a service's clients get, resolved as at run time: the platform's defaults (its
 * microprofile-config.properties) and the process environment, through Quarkus' own producer and
 * {@link KafkaClientSettings}.
 */
class KafkaClientSettingsTest {

    @Test
    void plaintextWithoutAnySaslOrSslSettingWhenNothingIsSet() throws IOException {
        Map<String, Object> settings = resolve(Map.of("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));

        assertThat(settings).containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(settings).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(settings.keySet()).noneMatch(key -> key.startsWith("sasl.") || key.startsWith("ssl."));
        assertThat(settings.values()).noneMatch(value -> value.toString().isBlank());
    }

    @Test
    void emptyVariablesAreDroppedNotPassedAsEmptyStrings() throws IOException {
        // what a Deployment produces for a ConfigMap key that is present but empty
        Map<String, Object> settings = resolve(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:9092",
                "KAFKA_SASL_MECHANISM", "",
                "KAFKA_SASL_JAAS_CONFIG", "",
                "KAFKA_SSL_TRUSTSTORE_TYPE", "",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", ""));

        assertThat(settings).containsEntry("security.protocol", "PLAINTEXT");
        assertThat(settings.keySet()).noneMatch(key -> key.startsWith("sasl.") || key.startsWith("ssl."));
        assertThat(settings.values()).noneMatch(value -> value.toString().isBlank());
    }

    @Test
    void saslSslSettingsFromTheEnvironmentReachTheClients() throws IOException {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"deletion-service\""
                + " password=\"s3cret\";";
        Map<String, Object> settings = resolve(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9093",
                "KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
                "KAFKA_SASL_JAAS_CONFIG", jaas,
                "KAFKA_SSL_TRUSTSTORE_TYPE", "PEM",
                "KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka-ca/ca.crt"));

        assertThat(settings)
                .containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", jaas)
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
                .doesNotContainKey("ssl.truststore.password");
    }

    private static Map<String, Object> resolve(Map<String, String> environment) throws IOException {
        URL defaults = KafkaClientSettings.class.getResource("/META-INF/microprofile-config.properties");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(defaults, 100))
                .withSources(new EnvConfigSource(environment, 300))
                .build();
        ApplicationConfig application = new ApplicationConfig() {
            @Override
            public Optional<String> name() {
                return Optional.of("deletion-service");
            }

            @Override
            public Optional<String> version() {
                return Optional.empty();
            }

            @Override
            public Optional<String> uiHeader() {
                return Optional.empty();
            }
        };
        return KafkaClientSettings.withoutEmptyValues(
                new KafkaRuntimeConfigProducer().createKafkaRuntimeConfig(config, application));
    }
}
