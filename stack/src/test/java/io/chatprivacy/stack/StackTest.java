package io.chatprivacy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatprivacy.infra.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The launcher with real infrastructure and fake service jars (see {@link FakeService}). */
class StackTest {
    private final Path root =
            Path.of("target", "stack-test-" + UUID.randomUUID()).toAbsolutePath();
    private final Path home = root.resolve("home");
    private final Path data = root.resolve("data");

    @AfterEach
    void deleteTestData() throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void startsInfraAndServicesInOrderAndStopsEverything() throws Exception {
        for (Service s : Service.values()) {
            fakeServiceJar(s);
        }
        StackConfig config = StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .dbUrlOverride(Service.CONSENT, "jdbc:postgresql://elsewhere:5432/consent")
                .readyTimeout(Duration.ofSeconds(60))
                .build();

        List<ProcessHandle> processes = new ArrayList<>();
        String firstAccountId;
        try (Stack stack = Stack.start(config)) {
            // infrastructure
            try (Admin admin =
                    Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
                assertThat(admin.describeCluster().nodes().get()).hasSize(1);
            }
            for (Service s : Service.values()) {
                try (Connection c = DriverManager.getConnection(
                                stack.jdbcUrl(s.database()), stack.dbUser(), stack.dbPassword());
                        ResultSet rs = c.createStatement().executeQuery("SELECT current_database()")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo(s.database());
                }
            }
            assertThat(stack.mailApiUrl()).isPresent();
            HttpResponse<String> mail = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(stack.mailApiUrl().get()))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(mail.statusCode()).isEqualTo(200);
            assertThat(mail.body().trim()).isEqualTo("[ ]");

            // services got the contract
            for (Service s : Service.values()) {
                ServiceProcess process = stack.service(s);
                assertThat(process.isAlive()).isTrue();
                processes.add(process.process().toHandle());
                Map<String, String> env = readEnv(serviceDir(s).resolve("env.txt"));
                assertThat(env)
                        .containsEntry("HTTP_PORT", String.valueOf(stack.servicePort(s)))
                        .containsEntry("MANAGEMENT_PORT", String.valueOf(stack.managementPort(s)))
                        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers())
                        .containsEntry("DB_USER", "postgres")
                        .containsEntry("DB_PASSWORD", "postgres")
                        .containsEntry("SMTP_HOST", "localhost")
                        .containsEntry("SMTP_PORT", String.valueOf(stack.smtpPort()))
                        .containsEntry("MAIL_FROM", "privacy@localhost")
                        .containsEntry(
                                "JWT_PUBLIC_KEY_LOCATION",
                                data.resolve("jwt/public.pem").toString())
                        .containsEntry("JWT_ISSUER", "chat-privacy");
                // each service gets only the secrets it uses
                assertThat(env.containsKey("VAULT_MASTER_KEY")).isEqualTo(s == Service.DELETION);
                assertThat(env.containsKey("PSEUDONYM_KEY")).isEqualTo(s == Service.CONSENT);
                assertThat(env.containsKey("CODE_TRANSPORT_KEY"))
                        .isEqualTo(s == Service.DELETION || s == Service.NOTIFICATION || s == Service.REQUEST);
                // notification-service links receipts to the privacy center: the console's address
                if (s == Service.NOTIFICATION) {
                    assertThat(env)
                            .containsEntry("PRIVACY_CENTER_URL", stack.privacyCenterUrl())
                            .containsEntry("DELETION_SERVICE_URL", stack.serviceUrl(Service.DELETION));
                    assertThat(stack.privacyCenterUrl()).matches("http://localhost:[1-9][0-9]*");
                } else {
                    assertThat(env).doesNotContainKey("DELETION_SERVICE_URL");
                    if (s == Service.REQUEST) {
                        assertThat(env).containsEntry("PRIVACY_CENTER_URL", stack.privacyCenterUrl());
                    } else {
                        assertThat(env).doesNotContainKey("PRIVACY_CENTER_URL");
                    }
                }
                // consent-service's opt-out self-test uses request-service's privacy center
                if (s == Service.CONSENT) {
                    assertThat(env).containsEntry("REQUEST_SERVICE_URL", stack.serviceUrl(Service.REQUEST));
                } else {
                    assertThat(env).doesNotContainKey("REQUEST_SERVICE_URL");
                }
                if (s == Service.DELETION) {
                    assertThat(java.util.Base64.getDecoder().decode(env.get("VAULT_MASTER_KEY")))
                            .hasSize(32);
                    assertThat(env.get("VAULT_MASTER_KEY")).isNotEqualTo(env.get("CODE_TRANSPORT_KEY"));
                }
                assertThat(env.get("DB_URL"))
                        .isEqualTo(
                                s == Service.CONSENT
                                        ? "jdbc:postgresql://elsewhere:5432/consent"
                                        : stack.jdbcUrl(s.database()));
            }

            // demo account registered with an admin token, credentials written
            List<String> posts = Files.readAllLines(serviceDir(Service.REQUEST).resolve("accounts-posted"));
            assertThat(posts).hasSize(1);
            JwtClaims admin = verify(stack, posts.get(0).substring("Bearer ".length()));
            assertThat(admin.getStringListClaimValue("groups")).containsExactly("admin");
            assertThat(admin.hasClaim("account_id")).isFalse();

            Map<String, String> credentials = readEnv(data.resolve("demo-credentials.env"));
            firstAccountId = credentials.get("ACCOUNT_ID");
            assertThat(firstAccountId).isNotBlank();
            assertThat(credentials).containsEntry("WIDGET_KEY", "wk-123");
            JwtClaims owner = verify(stack, credentials.get("OWNER_TOKEN"));
            assertThat(owner.getStringListClaimValue("groups")).containsExactly("owner");
            assertThat(owner.getClaimValueAsString("account_id")).isEqualTo(firstAccountId);
            assertThat(owner.getExpirationTime().getValue()
                            - owner.getIssuedAt().getValue())
                    .isEqualTo(Duration.ofDays(30).toSeconds());
            JwtClaims platform = verify(stack, credentials.get("PLATFORM_TOKEN"));
            assertThat(platform.getStringListClaimValue("groups")).containsExactly("platform");
            assertThat(platform.getClaimValueAsString("account_id")).isEqualTo(firstAccountId);
            JwtClaims agent = verify(stack, credentials.get("AGENT_TOKEN"));
            assertThat(agent.getStringListClaimValue("groups")).containsExactly("agent");
            JwtClaims adminFromFile = verify(stack, credentials.get("ADMIN_TOKEN"));
            assertThat(adminFromFile.getExpirationTime().getValue()
                            - adminFromFile.getIssuedAt().getValue())
                    .isEqualTo(Duration.ofHours(1).toSeconds());

            // one service can be bounced
            stack.stopService(Service.DELETION);
            assertThat(stack.service(Service.DELETION).isAlive()).isFalse();
            stack.startService(Service.DELETION);
            assertThat(stack.service(Service.DELETION).isAlive()).isTrue();
            processes.add(stack.service(Service.DELETION).process().toHandle());

            // the summary names the credentials file but shows no secret of it
            String summary = stack.summary();
            assertThat(summary).contains(data.resolve("demo-credentials.env").toString());
            credentials.forEach((name, value) -> {
                if (!name.equals("ACCOUNT_ID")) {
                    assertThat(summary).as("summary shows %s", name).doesNotContain(value);
                }
            });
            assertThat(Files.getPosixFilePermissions(data.resolve("demo-credentials.env")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        for (ProcessHandle p : processes) {
            assertThat(p.isAlive()).as("process %d", p.pid()).isFalse();
        }

        // restart on the same data, now with two replicas of each service: same keys, no second registration
        List<ProcessHandle> replicas = new ArrayList<>();
        try (Stack again = Stack.start(config.toBuilder().replicas(2).build())) {
            assertThat(Files.readAllLines(serviceDir(Service.REQUEST).resolve("accounts-posted")))
                    .hasSize(1);
            assertThat(readEnv(data.resolve("demo-credentials.env"))).containsEntry("ACCOUNT_ID", firstAccountId);
            verify(again, readEnv(data.resolve("demo-credentials.env")).get("OWNER_TOKEN"));

            // two processes per service, each ready on ports of its own, each in the run record under its own name
            assertThat(again.replicas()).isEqualTo(2);
            List<StackProcesses.Entry> record = StackProcesses.read(StackProcesses.file(data));
            Set<Integer> ports = new HashSet<>();
            String summary = again.summary();
            for (Service s : Service.values()) {
                for (int i = 0; i < 2; i++) {
                    ServiceProcess p = again.service(s, i);
                    assertThat(p.isAlive()).as("%s replica %d", s, i).isTrue();
                    assertThat(p.port()).isEqualTo(again.servicePort(s, i));
                    assertThat(readyStatus(again.managementUrl(s, i))).isEqualTo(200);
                    ports.add(again.servicePort(s, i));
                    ports.add(again.managementPort(s, i));
                    String name = i == 0 ? s.module() : s.module() + "-" + i;
                    assertThat(p.logFile()).isEqualTo(data.resolve("logs").resolve(name + ".log"));
                    assertThat(Files.readString(p.logFile())).contains("listening on " + again.servicePort(s, i));
                    long jvm = p.jvm().orElseThrow().pid();
                    long watchdog = p.process().pid();
                    assertThat(record).anySatisfy(e -> {
                        assertThat(e.name()).isEqualTo(name);
                        assertThat(e.pid()).isEqualTo(jvm);
                    });
                    assertThat(record).anySatisfy(e -> {
                        assertThat(e.name()).isEqualTo(name + " watchdog");
                        assertThat(e.pid()).isEqualTo(watchdog);
                    });
                    replicas.add(p.process().toHandle());
                    replicas.add(p.jvm().orElseThrow());
                    assertThat(summary).contains(again.serviceUrl(s, i), again.managementUrl(s, i));
                }
                // the same environment (database, Kafka, secrets...) apart from the ports
                Map<String, String> first = readEnv(serviceDir(s).resolve("env-" + again.servicePort(s, 0) + ".txt"));
                Map<String, String> second = readEnv(serviceDir(s).resolve("env-" + again.servicePort(s, 1) + ".txt"));
                assertThat(first).containsEntry("HTTP_PORT", String.valueOf(again.servicePort(s, 0)));
                assertThat(second)
                        .containsEntry("HTTP_PORT", String.valueOf(again.servicePort(s, 1)))
                        .containsEntry("MANAGEMENT_PORT", String.valueOf(again.managementPort(s, 1)));
                for (String perInstance : List.of("HTTP_PORT", "MANAGEMENT_PORT")) {
                    first.remove(perInstance);
                    second.remove(perInstance);
                }
                assertThat(second).isEqualTo(first).containsKeys("DB_URL", "KAFKA_BOOTSTRAP_SERVERS");
            }
            assertThat(ports).hasSize(16);

            // one replica crashes: the other one runs on
            ServiceProcess second = again.service(Service.CONSENT, 1);
            ProcessHandle secondJvm = second.jvm().orElseThrow();
            again.killService(Service.CONSENT, 1);
            assertThat(secondJvm.isAlive()).isFalse();
            assertThat(second.isAlive()).isFalse();
            assertThat(Ports.inUse(again.servicePort(Service.CONSENT, 1))).isFalse();
            assertThat(again.service(Service.CONSENT, 0).isAlive()).isTrue();
            assertThat(readyStatus(again.managementUrl(Service.CONSENT, 0))).isEqualTo(200);
        }
        // close stopped every replica
        for (ProcessHandle p : replicas) {
            assertThat(p.isAlive()).as("process %d", p.pid()).isFalse();
        }
    }

    /** The faults the end-to-end fault tests inject, each undone on the same ports and data. */
    @Test
    void faultsAreInjectedAndUndoneOnTheSamePortsAndData() throws Exception {
        for (Service s : Service.values()) {
            fakeServiceJar(s);
        }
        StackConfig config = StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .readyTimeout(Duration.ofSeconds(60))
                .build();
        ProcessHandle restartedJvm;
        try (Stack stack = Stack.start(config)) {
            // kill -9 of one service's JVM: gone with its watchdog, nothing restarts it, startService does
            ServiceProcess deletion = stack.service(Service.DELETION);
            ProcessHandle jvm = deletion.jvm().orElseThrow();
            ProcessHandle watchdog = deletion.process().toHandle();
            int port = stack.servicePort(Service.DELETION);
            stack.killService(Service.DELETION);
            assertThat(jvm.isAlive()).isFalse();
            assertThat(watchdog.isAlive()).isFalse();
            assertThat(deletion.isAlive()).isFalse();
            assertThat(Ports.inUse(port)).isFalse();
            assertThat(stack.service(Service.CONSENT).isAlive()).isTrue();
            stack.startService(Service.DELETION);
            assertThat(stack.servicePort(Service.DELETION)).isEqualTo(port);
            assertThat(stack.service(Service.DELETION).jvm().orElseThrow().pid())
                    .isNotEqualTo(jvm.pid());
            assertThat(Ports.inUse(port)).isTrue();

            // a second instance added to the running one-replica stack, then stopped: replica 0 runs on
            assertThat(stack.replicas()).isEqualTo(1);
            assertThat(stack.service(Service.DELETION, 1)).isNull();
            stack.startService(Service.DELETION, 1);
            ServiceProcess added = stack.service(Service.DELETION, 1);
            assertThat(added.isAlive()).isTrue();
            int addedPort = stack.servicePort(Service.DELETION, 1);
            assertThat(addedPort).isNotIn(port, stack.managementPort(Service.DELETION));
            assertThat(stack.managementPort(Service.DELETION, 1))
                    .isNotIn(port, addedPort, stack.managementPort(Service.DELETION));
            assertThat(readyStatus(stack.managementUrl(Service.DELETION, 1))).isEqualTo(200);
            assertThat(added.logFile()).isEqualTo(data.resolve("logs/deletion-service-1.log"));
            ProcessHandle addedJvm = added.jvm().orElseThrow();
            assertThat(StackProcesses.read(StackProcesses.file(data))).anySatisfy(e -> {
                assertThat(e.name()).isEqualTo("deletion-service-1");
                assertThat(e.pid()).isEqualTo(addedJvm.pid());
            });
            assertThat(stack.summary()).contains(stack.serviceUrl(Service.DELETION, 1));
            stack.stopService(Service.DELETION, 1);
            assertThat(addedJvm.isAlive()).isFalse();
            assertThat(added.isAlive()).isFalse();
            assertThat(Ports.inUse(addedPort)).isFalse();
            assertThat(stack.service(Service.DELETION).isAlive()).isTrue();
            assertThat(readyStatus(stack.managementUrl(Service.DELETION))).isEqualTo(200);
            // and back, on the same ports
            stack.startService(Service.DELETION, 1);
            assertThat(stack.servicePort(Service.DELETION, 1)).isEqualTo(addedPort);
            assertThat(readyStatus(stack.managementUrl(Service.DELETION, 1))).isEqualTo(200);
            restartedJvm = stack.service(Service.DELETION, 1).jvm().orElseThrow();

            // Kafka: stopped and started on the same port, its topics kept
            int kafkaPort = stack.kafka().orElseThrow().port();
            Map<String, Object> admin = Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.kafkaBootstrapServers(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                    60_000);
            try (Admin client = Admin.create(admin)) {
                client.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
            }
            stack.stopKafka();
            assertThat(Ports.inUse(kafkaPort)).isFalse();
            stack.startKafka();
            assertThat(stack.kafka().orElseThrow().port()).isEqualTo(kafkaPort);
            try (Admin client = Admin.create(admin)) {
                assertThat(client.listTopics().names().get()).contains("kept");
            }

            // PostgreSQL: stopped and started on the same port, committed rows kept
            int pgPort = stack.postgres().orElseThrow().port();
            String url = stack.jdbcUrl(Service.CONSENT.database());
            try (Connection c = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword())) {
                c.createStatement().execute("CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
            }
            stack.stopPostgres();
            assertThat(Ports.inUse(pgPort)).isFalse();
            assertThatThrownBy(() -> DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword()))
                    .isInstanceOf(java.sql.SQLException.class);
            stack.startPostgres();
            assertThat(stack.postgres().orElseThrow().port()).isEqualTo(pgPort);
            try (Connection c = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword());
                    ResultSet rs = c.createStatement().executeQuery("SELECT id FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(7);
            }

            // SMTP: unreachable, then reachable again on the same port
            int smtpPort = stack.smtpPort();
            stack.stopSmtp();
            assertThat(Ports.inUse(smtpPort)).isFalse();
            stack.startSmtp();
            assertThat(Ports.inUse(smtpPort)).isTrue();
        }
        // close stops the instance added at run time too
        assertThat(restartedJvm.isAlive()).isFalse();
    }

    @Test
    void aServiceThatDiesStopsTheStack() throws Exception {
        for (Service s : Service.values()) {
            fakeServiceJar(s);
        }
        Files.writeString(serviceDir(Service.REQUEST).resolve("fail"), "");
        StackConfig config = StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .readyTimeout(Duration.ofSeconds(60))
                .build();
        assertThatThrownBy(() -> Stack.start(config))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("request-service exited with code 3");
        assertThat(Files.readString(data.resolve("logs/request-service.log"))).contains("failing on purpose");
        // consent-service was started and must be gone; the data dir is unlocked again
        assertThat(Files.readString(data.resolve("logs/consent-service.log"))).contains("listening");
        Stack infraOnly = Stack.start(config.toBuilder().infraOnly().build());
        infraOnly.close();
    }

    @Test
    void refusesBusyPortsAndASecondStackOnTheSameData() throws Exception {
        try (Stack first = Stack.start(StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .infraOnly()
                .build())) {
            int kafkaPort = first.kafka().orElseThrow().port();
            assertThat(Ports.inUse(kafkaPort)).isTrue();
            assertThatThrownBy(() -> Stack.start(StackConfig.builder(home)
                            .dataDir(data)
                            .randomPorts()
                            .infraOnly()
                            .build()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Another stack is using");
            assertThatThrownBy(() -> Stack.start(StackConfig.builder(home)
                            .dataDir(root.resolve("other"))
                            .randomPorts()
                            .kafkaPort(kafkaPort)
                            .infraOnly()
                            .build()))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining(kafkaPort + ": Kafka");
        }
    }

    @Test
    void thePasswordOfTheUsersOwnPostgresStaysOffTheScreen() {
        try (Stack servers = Stack.start(StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .infraOnly()
                .build())) {
            // a second stack on the first one's servers, as PG_HOST / PG_PASSWORD etc. would configure it
            try (Stack user = Stack.start(StackConfig.builder(home)
                    .dataDir(root.resolve("user"))
                    .randomPorts()
                    .infraOnly()
                    .externalKafka(servers.kafkaBootstrapServers())
                    .externalPostgres(new StackConfig.ExternalPostgres(
                            "localhost", servers.postgres().orElseThrow().port(), "postgres", "s3cret-Pw"))
                    .externalSmtp(new StackConfig.ExternalSmtp("localhost", servers.smtpPort()))
                    .build())) {
                assertThat(user.dbPassword()).isEqualTo("s3cret-Pw");
                assertThat(user.summary()).doesNotContain("s3cret-Pw").contains("password from PG_PASSWORD");
            }
        }
    }

    private static int readyStatus(String managementUrl) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(managementUrl + "/q/health/ready"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JwtClaims verify(Stack stack, String token) throws Exception {
        return new JwtConsumerBuilder()
                .setVerificationKey(stack.jwt().publicKey())
                .setExpectedIssuer("chat-privacy")
                .setRequireExpirationTime()
                .setRequireSubject()
                .build()
                .processToClaims(token);
    }

    private Path serviceDir(Service s) {
        return home.resolve(s.module()).resolve("target/quarkus-app");
    }

    private void fakeServiceJar(Service s) throws Exception {
        FakeService.installJar(home, s.module());
    }

    static Map<String, String> readEnv(Path file) throws Exception {
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            props.load(in);
        }
        Map<String, String> env = new LinkedHashMap<>();
        props.forEach((k, v) -> env.put((String) k, (String) v));
        return env;
    }
}
