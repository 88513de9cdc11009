package io.chatprivacy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher as {@code run.sh} runs it, a JVM of its own (real Kafka, PostgreSQL and SMTP; stand-in service jars):
 * killed with SIGKILL it leaves nothing running, it keeps secrets off the console, and a stack left running on a data
 * folder is found by the next start.
 */
class LauncherProcessTest {
    private static final Pattern PORT = Pattern.compile("localhost:(\\d+)");

    private final Path root =
            Path.of("target", "launcher-test-" + UUID.randomUUID()).toAbsolutePath();
    private final Path home = root.resolve("home");
    private final Path data = root.resolve("data");
    private final Path console = root.resolve("console.txt");
    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        // whatever a failed assertion left running must not outlive the test
        List<ProcessHandle> all = new ArrayList<>(started);
        started.forEach(p -> p.descendants().forEach(all::add));
        all.forEach(ProcessHandle::destroyForcibly);
        if (Files.exists(root)) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void killedWithSigkillItLeavesNothingRunningAndItNeverPrintsASecret() throws Exception {
        Process launcher = startLauncher("--replicas=2");
        // the eight service JVMs, two replicas of each service (and the watchdogs), are its descendants;
        // PostgreSQL's postmaster is not (pg_ctl starts it as a daemon), it is found through its data directory
        List<ProcessHandle> children = new ArrayList<>(launcher.descendants().toList());
        assertThat(children.stream()
                        .filter(p -> p.info().command().orElse("").endsWith("/java"))
                        .filter(ProcessHandle::isAlive))
                .hasSize(8);
        long postmasterPid =
                StackProcesses.postmasterPid(data.resolve("postgres")).orElseThrow();
        ProcessHandle postmaster = ProcessHandle.of(postmasterPid).orElseThrow();
        assertThat(postmaster.info().command())
                .hasValueSatisfying(c -> assertThat(c).endsWith("/postgres"));
        children.add(postmaster);
        // Kafka, PostgreSQL, SMTP, the mail API, the eight service instances, their management ports and the demo
        // page: the summary lists every replica
        TreeSet<Integer> ports = portsIn(Files.readString(console));
        assertThat(ports).hasSize(21).allMatch(LauncherProcessTest::listening);

        launcher.destroyForcibly(); // SIGKILL: no shutdown hook runs
        launcher.waitFor();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(ports).noneMatch(LauncherProcessTest::listening);
        });

        // no token, no widget key on the console: only the file's path, which is the owner's alone
        Path credentials = data.resolve("demo-credentials.env");
        Map<String, String> secrets = StackTest.readEnv(credentials);
        secrets.remove("ACCOUNT_ID"); // an identifier, printed on purpose
        assertThat(secrets).containsKeys("OWNER_TOKEN", "AGENT_TOKEN", "ADMIN_TOKEN", "PLATFORM_TOKEN", "WIDGET_KEY");
        String out = Files.readString(console);
        assertThat(out).contains(credentials.toString());
        secrets.forEach((name, value) -> {
            assertThat(value).as(name).isNotBlank();
            assertThat(out).as("console shows %s", name).doesNotContain(value);
        });
        assertThat(Files.getPosixFilePermissions(credentials)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void aStackLeftRunningOnTheDataFolderIsReportedOrStoppedByTheNextStart() throws Exception {
        Process launcher = startLauncher();
        // the launcher and the watchdogs die at once (an older launcher had none): services and PostgreSQL stay
        List<ProcessHandle> watchdogs = launcher.children()
                .filter(p -> p.info().command().orElse("").endsWith("sh"))
                .toList();
        assertThat(watchdogs).hasSize(5);
        List<ProcessHandle> orphans = new ArrayList<>();
        for (long pid : jvmPids()) {
            orphans.add(ProcessHandle.of(pid).orElseThrow());
        }
        long postmaster = StackProcesses.postmasterPid(data.resolve("postgres")).orElseThrow();
        orphans.add(ProcessHandle.of(postmaster).orElseThrow());
        assertThat(orphans).hasSize(5);
        assertThat(launcher.descendants()).containsAll(orphans.subList(0, 4));
        watchdogs.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle w : watchdogs) {
            w.onExit().join();
        }
        launcher.destroyForcibly();
        launcher.waitFor();
        assertThat(orphans).allMatch(ProcessHandle::isAlive);

        StackConfig config = StackConfig.builder(home)
                .dataDir(data)
                .randomPorts()
                .readyTimeout(Duration.ofSeconds(90))
                .build();

        // --stale=fail: reported, nothing touched
        assertThatThrownBy(() -> Stack.start(config.toBuilder().stopStale(false).build()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("still running, but its launcher is gone")
                .hasMessageContaining("PostgreSQL (pid " + postmaster)
                .hasMessageContaining("consent-service (pid ")
                .hasMessageContaining("notification-service (pid ");
        assertThat(orphans).allMatch(ProcessHandle::isAlive);

        // default: stopped, then a fresh stack starts on the same folder
        try (Stack again = Stack.start(config)) {
            assertThat(orphans).noneMatch(ProcessHandle::isAlive);
            for (Service s : Service.values()) {
                assertThat(again.service(s).isAlive()).isTrue();
            }
        }
    }

    /** Starts {@code java ... io.chatprivacy.stack.Stack} on free ports and waits until it says it is up. */
    private Process startLauncher(String... moreArgs) throws IOException {
        for (Service s : Service.values()) {
            FakeService.installJar(home, s.module());
        }
        Files.createDirectories(root);
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                ServiceProcess.javaExecutable(),
                "-Xmx512m",
                "-cp",
                classPath,
                Stack.class.getName(),
                "--home=" + home,
                "--data-dir=" + data,
                "--kafka-port=0",
                "--postgres-port=0",
                "--smtp-port=0",
                "--mail-http-port=0",
                "--demo-site-port=0",
                "--first-service-port=0",
                "--ready-timeout=90"));
        command.addAll(List.of(moreArgs));
        Process launcher = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        started.add(launcher.toHandle());
        await().atMost(Duration.ofMinutes(3)).until(() -> {
            assertThat(launcher.isAlive())
                    .as("launcher running; it said:%n%s", Files.readString(console))
                    .isTrue();
            return Files.readString(console).contains("Press Ctrl-C to stop.");
        });
        launcher.descendants().forEach(started::add);
        StackProcesses.postmasterPid(data.resolve("postgres"))
                .flatMap(ProcessHandle::of)
                .ifPresent(started::add);
        return launcher;
    }

    /** The pids of the service JVMs the record names. */
    private List<Long> jvmPids() {
        return StackProcesses.read(StackProcesses.file(data)).stream()
                .filter(e ->
                        Stream.of(Service.values()).anyMatch(s -> s.module().equals(e.name())))
                .map(StackProcesses.Entry::pid)
                .toList();
    }

    private static TreeSet<Integer> portsIn(String text) {
        TreeSet<Integer> ports = new TreeSet<>();
        Matcher m = PORT.matcher(text);
        while (m.find()) {
            ports.add(Integer.parseInt(m.group(1)));
        }
        return ports;
    }

    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
