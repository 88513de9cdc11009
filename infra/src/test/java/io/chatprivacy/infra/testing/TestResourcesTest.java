package io.chatprivacy.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatprivacy.infra.Infra;
import io.chatprivacy.infra.KafkaBroker;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.PostgresServer;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The test resources outside Quarkus: config, field injection, one server per JVM even across class loaders. */
class TestResourcesTest {

    @InjectKafkaBroker
    KafkaBroker broker;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @InjectPostgres
    PostgresServer postgres;

    @InjectMailServer
    MailServer mail;

    @Test
    void kafkaResource() {
        KafkaResource resource = new KafkaResource();
        Map<String, String> config = resource.start();
        String bootstrap = Infra.kafka().bootstrapServers();
        assertThat(config)
                .containsEntry("kafka.bootstrap.servers", bootstrap)
                .containsEntry("mp.messaging.connector.smallrye-kafka.bootstrap.servers", bootstrap);

        resource.inject(this);
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(companion).isNotNull();
        companion.topics().createAndWait("resource-test", 1);
        companion
                .produceStrings()
                .fromRecords(new org.apache.kafka.clients.producer.ProducerRecord<>("resource-test", "k", "v"));
        assertThat(companion
                        .consumeStrings()
                        .fromTopics("resource-test", 1)
                        .awaitCompletion()
                        .getFirstRecord()
                        .value())
                .isEqualTo("v");

        // a second resource (another test class) gets the same broker
        assertThat(new KafkaResource().start()).isEqualTo(config);
        resource.stop();
        assertThat(Infra.kafka().isRunning()).isTrue();
    }

    @Test
    void postgresResource() throws Exception {
        PostgresResource resource = new PostgresResource();
        resource.init(Map.of("database", "consent"));
        Map<String, String> config = resource.start();
        assertThat(config.get("quarkus.datasource.jdbc.url")).endsWith("/consent");
        try (Connection c = DriverManager.getConnection(
                config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"),
                config.get("quarkus.datasource.password"))) {
            assertThat(c.isValid(2)).isTrue();
        }
        PostgresResource defaults = new PostgresResource();
        defaults.init(Map.of());
        assertThat(defaults.start().get("quarkus.datasource.jdbc.url")).endsWith("/app");

        resource.inject(this);
        assertThat(postgres.port()).isEqualTo(Infra.postgres().port());
    }

    @Test
    void mailResource() {
        MailResource resource = new MailResource();
        Map<String, String> config = resource.start();
        assertThat(config)
                .containsEntry("quarkus.mailer.host", "localhost")
                .containsEntry(
                        "quarkus.mailer.port", String.valueOf(Infra.mail().smtpPort()))
                .containsEntry("quarkus.mailer.mock", "false")
                .containsEntry("quarkus.mailer.tls", "false")
                .containsEntry("quarkus.mailer.start-tls", "DISABLED")
                .containsEntry("quarkus.mailer.from", "privacy@localhost");
        resource.inject(this);
        assertThat(mail.smtpPort()).isEqualTo(Infra.mail().smtpPort());
    }

    @Test
    void mailResourceWithAnIdleTimeoutStartsAServerOfItsOwn() {
        MailResource resource = new MailResource();
        resource.init(Map.of(MailResource.IDLE_TIMEOUT, "PT2S"));
        Map<String, String> config = resource.start();
        try {
            resource.inject(this);
            assertThat(mail.smtpPort()).isNotEqualTo(Infra.mail().smtpPort());
            assertThat(config).containsEntry("quarkus.mailer.port", String.valueOf(mail.smtpPort()));
            assertThat(mail.idleTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(mail.isRunning()).isTrue();
            assertThat(Infra.mail().idleTimeout()).isEqualTo(MailServer.DEFAULT_IDLE_TIMEOUT);
        } finally {
            resource.stop();
        }
        assertThat(mail.isRunning()).isFalse();
        assertThat(Infra.mail().isRunning()).isTrue();

        MailResource bad = new MailResource();
        assertThatThrownBy(() -> bad.init(Map.of(MailResource.IDLE_TIMEOUT, "2s")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT2S");
    }

    /** Quarkus may load this module once per application start: the servers must still be shared. */
    @Test
    void serversAreSharedAcrossClassLoaders() throws Exception {
        String bootstrap = Infra.kafka().bootstrapServers();
        int smtp = Infra.mail().smtpPort();
        try (ChildFirst loader = new ChildFirst(getClass().getClassLoader())) {
            Class<?> foreignInfra = loader.loadClass(Infra.class.getName());
            assertThat(foreignInfra).isNotSameAs(Infra.class);
            Object foreignKafka = foreignInfra.getMethod("kafka").invoke(null);
            assertThat(foreignKafka).isNotInstanceOf(KafkaBroker.class);
            assertThat(foreignKafka.getClass().getMethod("bootstrapServers").invoke(foreignKafka))
                    .isEqualTo(bootstrap);

            // injection into a test class that sees the other copy of the module
            Class<?> holderClass = loader.loadClass(Holder.class.getName());
            Object holder = holderClass.getDeclaredConstructor().newInstance();
            new KafkaResource().inject(holder);
            new MailResource().inject(holder);
            Field brokerField = holderClass.getDeclaredField("broker");
            Object injected = brokerField.get(holder);
            assertThat(injected.getClass().getClassLoader()).isSameAs(loader);
            assertThat(injected.getClass().getMethod("bootstrapServers").invoke(injected))
                    .isEqualTo(bootstrap);
            Object injectedMail = holderClass.getDeclaredField("mail").get(holder);
            assertThat(injectedMail.getClass().getMethod("smtpPort").invoke(injectedMail))
                    .isEqualTo(smtp);
        }
    }

    public static class Holder {
        @InjectKafkaBroker
        public KafkaBroker broker;

        @InjectMailServer
        public MailServer mail;
    }

    /** Loads io.chatprivacy.infra classes itself (a second copy), everything else from the parent. */
    private static final class ChildFirst extends ClassLoader implements AutoCloseable {
        private static final Set<String> SHARED = Set.of();

        ChildFirst(ClassLoader parent) {
            super("child-first", parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                if (!name.startsWith("io.chatprivacy.infra.") || SHARED.contains(name)) {
                    return super.loadClass(name, resolve);
                }
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String resource = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(resource)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public void close() {}
    }
}
