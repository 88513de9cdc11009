package io.chatprivacy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {
    private final Path cwd = Path.of("").toAbsolutePath();

    @Test
    void defaults() {
        StackConfig c = StackConfig.fromEnvironment(Map.of());
        assertThat(c.home()).isEqualTo(cwd);
        assertThat(c.dataDir()).isEqualTo(cwd.resolve(".data"));
        assertThat(c.services()).containsExactly(Service.values());
        assertThat(c.kafkaPort()).isEqualTo(9092);
        assertThat(c.postgresPort()).isEqualTo(15432);
        assertThat(c.smtpPort()).isEqualTo(2525);
        assertThat(c.mailHttpPort()).isEqualTo(8025);
        assertThat(c.demoSitePort()).isEqualTo(3000);
        assertThat(c.firstServicePort()).isEqualTo(8081);
        assertThat(c.externalKafka()).isNull();
        assertThat(c.externalPostgres()).isNull();
        assertThat(c.externalSmtp()).isNull();
        assertThat(c.jwtIssuer()).isEqualTo("chat-privacy");
        assertThat(c.readyTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(c.demoAccount()).isTrue();
        assertThat(c.stopStale()).isTrue();
        assertThat(c.oidc()).isTrue();
        assertThat(c.oidcPort()).isEqualTo(8180);
        assertThat(c.replicas()).isEqualTo(1);
    }

    @Test
    void replicasAndTheirFixedPorts() {
        StackConfig c = StackConfig.fromEnvironment(Map.of(), "--replicas=4");
        assertThat(c.replicas()).isEqualTo(4);
        assertThat(c.toBuilder().build().replicas()).isEqualTo(4);
        // replica i: 100 * i above replica 0; management ports 1000 above those
        assertThat(c.servicePort(Service.CONSENT, 0)).isEqualTo(8081);
        assertThat(c.servicePort(Service.NOTIFICATION, 0)).isEqualTo(8084);
        assertThat(c.servicePort(Service.CONSENT, 1)).isEqualTo(8181);
        assertThat(c.servicePort(Service.NOTIFICATION, 3)).isEqualTo(8384);
        // none of the 32 ports (HTTP and management, 4 services, 4 replicas) is another default port or repeated
        java.util.Set<Integer> ports = new java.util.HashSet<>();
        for (Service s : Service.values()) {
            for (int i = 0; i < 4; i++) {
                ports.add(c.servicePort(s, i));
                ports.add(c.servicePort(s, i) + Stack.MANAGEMENT_PORT_OFFSET);
            }
        }
        assertThat(ports)
                .hasSize(32)
                .doesNotContain(
                        c.kafkaPort(),
                        c.postgresPort(),
                        c.smtpPort(),
                        c.mailHttpPort(),
                        c.demoSitePort(),
                        c.oidcPort(),
                        c.consolePort());

        for (String bad : List.of("--replicas=0", "--replicas=5", "--replicas=two", "--replicas=")) {
            assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("replicas");
        }
        // 8080 + 100 is Keycloak's 8180
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), "--replicas=2", "--first-service-port=8080"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8180")
                .hasMessageContaining("--oidc-port");
        assertThat(StackConfig.fromEnvironment(Map.of(), "--replicas=2", "--first-service-port=8080", "--oidc-port=0")
                        .replicas())
                .isEqualTo(2);
    }

    @Test
    void environmentAndFlags() {
        StackConfig c = StackConfig.fromEnvironment(
                Map.of(
                        "STACK_DATA_DIR", "/tmp/x",
                        "KAFKA_BOOTSTRAP_SERVERS", "broker:9092",
                        "PG_HOST", "db",
                        "PG_USER", "me",
                        "PG_PASSWORD", "secret",
                        "SMTP_HOST", "mail",
                        "SMTP_PORT", "1025",
                        "JWT_ISSUER", "other",
                        "REQUEST_DB_URL", "jdbc:postgresql://x/y",
                        "STACK_SERVICE_JAVA_OPTS", "-Xmx1g  -Dfoo=bar"),
                "--services=consent-service,notification",
                "--kafka-port=19092",
                "--first-service-port=18081",
                "--demo-site-port=-1",
                "--ready-timeout=30",
                "--no-demo",
                "--stale=fail",
                "--no-oidc",
                "--oidc-port=18180");
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(c.demoSitePort()).isEqualTo(-1);
        assertThat(c.externalKafka()).isEqualTo("broker:9092");
        assertThat(c.externalPostgres()).isEqualTo(new StackConfig.ExternalPostgres("db", 5432, "me", "secret"));
        assertThat(c.externalSmtp()).isEqualTo(new StackConfig.ExternalSmtp("mail", 1025));
        assertThat(c.jwtIssuer()).isEqualTo("other");
        assertThat(c.dbUrlOverrides()).containsExactly(Map.entry(Service.REQUEST, "jdbc:postgresql://x/y"));
        assertThat(c.serviceJavaOptions()).isEqualTo(List.of("-Xmx1g", "-Dfoo=bar"));
        assertThat(c.services()).isEqualTo(EnumSet.of(Service.CONSENT, Service.NOTIFICATION));
        assertThat(c.kafkaPort()).isEqualTo(19092);
        assertThat(c.firstServicePort()).isEqualTo(18081);
        assertThat(c.readyTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.demoAccount()).isFalse();
        assertThat(c.stopStale()).isFalse();
        assertThat(c.oidc()).isFalse();
        assertThat(c.oidcPort()).isEqualTo(18180);
        assertThat(StackConfig.fromEnvironment(Map.of(), "--stale=stop").stopStale())
                .isTrue();

        assertThat(StackConfig.fromEnvironment(Map.of(), "--infra-only").services())
                .isEmpty();
        assertThat(StackConfig.fromEnvironment(Map.of(), "--data-dir=d").dataDir())
                .isEqualTo(cwd.resolve("d"));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), "--bogus"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), "--services=chat"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), "--kafka-port=99999"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of(), "--stale=ignore"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
