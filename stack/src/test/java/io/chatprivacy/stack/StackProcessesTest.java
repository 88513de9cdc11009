package io.chatprivacy.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which processes count as left behind by an earlier stack, and that nothing else is ever signalled. */
class StackProcessesTest {
    private final Path data =
            Path.of("target", "processes-test-" + UUID.randomUUID()).toAbsolutePath();
    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() throws IOException {
        started.forEach(Process::destroyForcibly);
        if (Files.exists(data)) {
            try (Stream<Path> paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRecordedProcessCountsOnlyWithItsStartTimeAndExecutable() throws Exception {
        ProcessHandle sleeper = sleeper();
        new StackProcesses(data).add("consent-service", sleeper, 8081);
        StackProcesses.Entry real =
                StackProcesses.read(StackProcesses.file(data)).get(0);
        assertThat(real.command()).endsWith("sleep");

        assertThat(StackProcesses.leftovers(data, say())).singleElement().satisfies(l -> {
            assertThat(l.name()).isEqualTo("consent-service");
            assertThat(l.process().pid()).isEqualTo(sleeper.pid());
            assertThat(l).hasToString("consent-service (pid " + sleeper.pid() + ", port 8081)");
        });

        // the same pid, started at another time or running another program, is somebody else's now
        record(new StackProcesses.Entry(
                "consent-service",
                real.pid(),
                Instant.parse(real.started()).minusSeconds(1).toString(),
                real.command(),
                8081));
        assertThat(StackProcesses.leftovers(data, say())).isEmpty();
        record(new StackProcesses.Entry("consent-service", real.pid(), real.started(), "/usr/bin/java", 8081));
        assertThat(StackProcesses.leftovers(data, say())).isEmpty();
        assertThat(sleeper.isAlive()).isTrue();

        record(real);
        StackProcesses.stop(StackProcesses.leftovers(data, say()));
        assertThat(sleeper.isAlive()).isFalse();
    }

    @Test
    void aPostmasterPidNamingAnotherProgramIsStaleAndDeletedAndThatProgramLeftAlone() throws Exception {
        ProcessHandle sleeper = sleeper();
        Path pidFile = data.resolve("postgres/postmaster.pid");
        Files.createDirectories(pidFile.getParent());
        Files.writeString(pidFile, sleeper.pid() + "\n" + data.resolve("postgres") + "\n1700000000\n15432\n");
        List<String> said = new ArrayList<>();

        assertThat(StackProcesses.leftovers(data, said::add)).isEmpty();

        assertThat(pidFile).doesNotExist();
        assertThat(said).singleElement().asString().contains("no PostgreSQL server");
        assertThat(sleeper.isAlive()).isTrue();

        // a pid that is gone: PostgreSQL deals with its own stale file
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(pidFile, gone.pid() + "\n");
        assertThat(StackProcesses.leftovers(data, said::add)).isEmpty();
        assertThat(pidFile).exists();
    }

    @Test
    void aLiveLauncherOnTheFolderIsNeverStoppedButReported() throws Exception {
        ProcessHandle otherLauncher = sleeper();
        ProcessHandle itsService = sleeper();
        StackProcesses record = new StackProcesses(data);
        record.add(StackProcesses.LAUNCHER, otherLauncher, 0);
        record.add("request-service", itsService, 8082);

        assertThatThrownBy(() -> Stack.start(StackConfig.builder(data)
                        .dataDir(data)
                        .randomPorts()
                        .infraOnly()
                        .readyTimeout(Duration.ofSeconds(30))
                        .build()))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Another stack is using " + data + " (launcher pid " + otherLauncher.pid());
        assertThat(otherLauncher.isAlive()).isTrue();
        assertThat(itsService.isAlive()).isTrue();
    }

    private ProcessHandle sleeper() throws IOException {
        Process p = new ProcessBuilder("sleep", "300").start();
        started.add(p);
        return p.toHandle();
    }

    private void record(StackProcesses.Entry entry) throws IOException {
        Files.writeString(StackProcesses.file(data), new ObjectMapper().writeValueAsString(List.of(entry)));
    }

    private static java.util.function.Consumer<String> say() {
        return line -> {};
    }
}
