package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatprivacy.stack.Keycloak;
import io.chatprivacy.stack.Service;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Stopping the system (what Ctrl-C does) leaves no process and no listening port behind; neither does killing the
 * launcher with SIGKILL, which also never showed a secret on its console.
 */
@Order(99)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ShutdownIT {
    private static final Pattern PORT = Pattern.compile("localhost:(\\d+)");

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatAFailureLeft() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    @Order(1)
    void stoppingLeavesNothingBehind() {
        RunningSystem system = RunningSystem.get();
        List<ProcessHandle> processes = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (Service service : Service.values()) {
            ProcessHandle handle = system.stack().service(service).process().toHandle();
            processes.add(handle);
            handle.descendants().forEach(processes::add);
            ports.add(system.stack().servicePort(service));
            ports.add(system.stack().managementPort(service));
        }
        system.stack().postgres().ifPresent(pg -> ports.add(pg.port()));
        system.stack().kafka().ifPresent(kafka -> ports.add(kafka.port()));
        Keycloak keycloak = system.stack().oidc().orElseThrow();
        processes.add(keycloak.process().toHandle());
        keycloak.process().descendants().forEach(processes::add);
        ports.add(keycloak.port());
        String consoleUrl = system.stack().consoleUrl().orElseThrow();
        ports.add(Integer.parseInt(consoleUrl.substring(consoleUrl.lastIndexOf(':') + 1)));
        ProcessHandle.current().descendants().forEach(processes::add);
        assertThat(processes).allMatch(ProcessHandle::isAlive);

        RunningSystem.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(processes).noneMatch(ProcessHandle::isAlive);
            assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive))
                    .isEmpty();
            assertThat(ports).noneMatch(ShutdownIT::listening);
        });
    }

    /** The launcher as {@code run.sh} starts it, with the packaged services, killed with SIGKILL once up. */
    @Test
    @Order(2)
    void killingTheLauncherLeavesNothingBehindAndItShowedNoSecret() throws Exception {
        Path home =
                Path.of(System.getProperty("stack.home", "..")).toAbsolutePath().normalize();
        Path data = home.resolve("e2e/target/killed-" + UUID.randomUUID());
        Files.createDirectories(data);
        Path console = data.resolveSibling(data.getFileName() + "-console.txt");
        Process launcher = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx768m",
                        "-cp",
                        home.resolve("stack/target/stack.jar") + ":" + home.resolve("stack/target/lib/*"),
                        "io.chatprivacy.stack.Stack",
                        "--home=" + home,
                        "--data-dir=" + data,
                        "--kafka-port=0",
                        "--postgres-port=0",
                        "--smtp-port=0",
                        "--mail-http-port=0",
                        "--demo-site-port=0",
                        "--first-service-port=0",
                        "--oidc-port=0",
                        "--console-port=0")
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        started.add(launcher.toHandle());
        await().atMost(Duration.ofMinutes(8)).until(() -> {
            assertThat(launcher.isAlive())
                    .as("launcher running; it said:%n%s", Files.readString(console))
                    .isTrue();
            return Files.readString(console).contains("Press Ctrl-C to stop.");
        });
        List<ProcessHandle> processes = new ArrayList<>(launcher.descendants().toList());
        // PostgreSQL runs as a daemon (pg_ctl start), not as the launcher's descendant
        ProcessHandle postmaster = ProcessHandle.of(
                        Long.parseLong(Files.readAllLines(data.resolve("postgres/postmaster.pid"))
                                .get(0)
                                .trim()))
                .orElseThrow();
        processes.add(postmaster);
        started.addAll(processes);
        assertThat(processes.stream()
                        .filter(p -> p.info().command().orElse("").endsWith("/java"))
                        .filter(ProcessHandle::isAlive))
                .as("the four service JVMs, Keycloak's and the console's")
                .hasSize(6);
        assertThat(postmaster.isAlive()).isTrue();
        TreeSet<Integer> ports = new TreeSet<>();
        Matcher m = PORT.matcher(Files.readString(console));
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        assertThat(ports)
                .as("Kafka, PostgreSQL, SMTP, the mail API, four services and their management ports, the demo page,"
                        + " Keycloak, the console")
                .hasSize(15);
        assertThat(ports).allMatch(ShutdownIT::listening);

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
        launcher.waitFor();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(processes).noneMatch(ProcessHandle::isAlive);
            assertThat(ports).noneMatch(ShutdownIT::listening);
        });

        Properties credentials = new Properties();
        try (var in = Files.newBufferedReader(data.resolve("demo-credentials.env"))) {
            credentials.load(in);
        }
        String out = Files.readString(console);
        for (String name : List.of(
                "OWNER_TOKEN",
                "AGENT_TOKEN",
                "ADMIN_TOKEN",
                "PLATFORM_TOKEN",
                "WIDGET_KEY",
                "CONSOLE_CLIENT_SECRET",
                "OWNER_PASSWORD",
                "AGENT_PASSWORD",
                "KEYCLOAK_ADMIN_PASSWORD")) {
            String value = credentials.getProperty(name);
            assertThat(value).as(name).isNotBlank();
            assertThat(out).as("console shows %s", name).doesNotContain(value);
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
