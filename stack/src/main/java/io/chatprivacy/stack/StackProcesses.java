package io.chatprivacy.stack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a running stack started, kept in {@code <dataDir>/run/processes.json} while it runs: each process's pid, start
 * time and executable, and its port. The next start on the same data folder reads it to find what a launcher that died
 * left running ({@link #leftovers}) and stops it ({@link #stop}). A pid counts as a recorded process only while its
 * start time and executable still match, so a pid reused since by another program is never touched.
 */
final class StackProcesses {
    static final String LAUNCHER = "launcher";
    static final String POSTGRES = "PostgreSQL";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /**
     * One recorded process.
     *
     * @param name what it is ({@value #LAUNCHER}, {@value #POSTGRES}, a service's module name, or "… watchdog")
     * @param pid its pid
     * @param started its start time (ISO-8601), as the kernel reports it
     * @param command its executable
     * @param port the port it serves, or 0
     */
    record Entry(String name, long pid, String started, String command, int port) {}

    /**
     * A process of an earlier stack on this data folder that still runs.
     *
     * @param name what it is
     * @param process the process
     * @param port the port it serves, or 0
     * @param postmaster whether it is the PostgreSQL server (stopped with SIGINT, its fast shutdown)
     */
    record Leftover(String name, ProcessHandle process, int port, boolean postmaster) {
        @Override
        public String toString() {
            return name + " (pid " + process.pid() + (port > 0 ? ", port " + port : "") + ")";
        }
    }

    private final Path file;
    private final Map<Long, Entry> entries = new LinkedHashMap<>();

    StackProcesses(Path dataDir) {
        this.file = file(dataDir);
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("run").resolve("processes.json");
    }

    /** Records a process (ignored if the kernel does not tell its start time and executable). */
    synchronized void add(String name, ProcessHandle process, int port) {
        Optional<Entry> entry = entry(name, process, port);
        if (entry.isEmpty()) {
            return;
        }
        entries.values().removeIf(e -> !isSame(e));
        entries.put(process.pid(), entry.get());
        write();
    }

    /** Forgets the record once nothing in it runs any more (after a clean stop). */
    synchronized void clearIfAllStopped() {
        long self = ProcessHandle.current().pid();
        entries.values().removeIf(e -> e.pid() == self || !isSame(e));
        if (entries.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the next start ignores records of processes that are gone
            }
        } else {
            write();
        }
    }

    private void write() {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "processes", ".tmp");
            Files.write(
                    tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new ArrayList<>(entries.values())));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static Optional<Entry> entry(String name, ProcessHandle process, int port) {
        ProcessHandle.Info info = process.info();
        if (info.startInstant().isEmpty() || info.command().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Entry(
                name,
                process.pid(),
                info.startInstant().get().toString(),
                info.command().get(),
                port));
    }

    /** Whether the recorded process still runs: same pid, same start time, same executable. */
    static boolean isSame(Entry entry) {
        return ProcessHandle.of(entry.pid())
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::info)
                .filter(info -> info.startInstant().map(Instant::toString).equals(Optional.of(entry.started()))
                        && info.command().equals(Optional.of(entry.command())))
                .isPresent();
    }

    /**
     * What an earlier stack on {@code dataDir} left running: the recorded processes that still run (the launcher
     * itself included, if it is alive and not this JVM), and a PostgreSQL server still running on {@code
     * <dataDir>/postgres} (recorded or not: a stack of an older launcher left no record). A {@code postmaster.pid} that
     * names a live process which is no PostgreSQL server is stale and deleted, since PostgreSQL would refuse to start.
     */
    static List<Leftover> leftovers(Path dataDir, Consumer<String> say) {
        List<Leftover> found = new ArrayList<>();
        long self = ProcessHandle.current().pid();
        for (Entry entry : read(file(dataDir))) {
            if (entry.pid() != self && isSame(entry) && !POSTGRES.equals(entry.name())) {
                ProcessHandle.of(entry.pid())
                        .ifPresent(p -> found.add(new Leftover(entry.name(), p, entry.port(), false)));
            }
        }
        Path pgData = dataDir.resolve("postgres");
        postmasterPid(pgData).ifPresent(pid -> {
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (process.isEmpty()) {
                return; // PostgreSQL removes a pid file whose process is gone by itself
            }
            Optional<Path> dir = postmasterDataDir(pid);
            if (dir.isPresent() && samePath(dir.get(), pgData)) {
                found.add(new Leftover(POSTGRES, process.get(), postmasterPort(pgData), true));
            } else if (dir.isEmpty() && !isPostgres(pid)) {
                say.accept("Deleting " + pgData.resolve("postmaster.pid") + ": its pid " + pid
                        + " is no PostgreSQL server now");
                try {
                    Files.deleteIfExists(pgData.resolve("postmaster.pid"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        return found;
    }

    /**
     * Stops leftovers: services and watchdogs with SIGTERM, then the PostgreSQL server with SIGINT; SIGKILL for
     * whatever still runs after 20 s.
     */
    static void stop(List<Leftover> leftovers) {
        List<ProcessHandle> others = leftovers.stream()
                .filter(l -> !l.postmaster())
                .map(Leftover::process)
                .toList();
        List<ProcessHandle> postmasters = leftovers.stream()
                .filter(Leftover::postmaster)
                .map(Leftover::process)
                .toList();
        // ProcessHandle.destroy() re-checks the start time: a pid reused meanwhile is not signalled
        others.forEach(ProcessHandle::destroy);
        awaitExit(others);
        for (ProcessHandle postmaster : postmasters) {
            signal("INT", postmaster);
        }
        awaitExit(postmasters);
    }

    private static void awaitExit(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // timed out: forced below
            }
        }
        for (ProcessHandle p : processes) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.onExit().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // gave it all we could; the port check that follows says what is still in the way
                }
            }
        }
    }

    private static void signal(String signal, ProcessHandle process) {
        try {
            if (!process.isAlive()) {
                return;
            }
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static List<Entry> read(Path file) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<List<Entry>>() {});
        } catch (IOException e) {
            return List.of(); // unreadable: nothing we can trust to signal
        }
    }

    /** The pid in {@code <pgData>/postmaster.pid}, if any. */
    static Optional<Long> postmasterPid(Path pgData) {
        return postmasterLine(pgData, 0).flatMap(StackProcesses::parseLong);
    }

    private static int postmasterPort(Path pgData) {
        return postmasterLine(pgData, 3)
                .flatMap(StackProcesses::parseLong)
                .orElse(0L)
                .intValue();
    }

    private static Optional<String> postmasterLine(Path pgData, int index) {
        try {
            List<String> lines = Files.readAllLines(pgData.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
            return lines.size() > index ? Optional.of(lines.get(index).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The data directory of the PostgreSQL server {@code pid} ({@code postgres -D DIR ...}), if it is one. */
    static Optional<Path> postmasterDataDir(long pid) {
        List<String> args = cmdline(pid);
        if (args.isEmpty() || !isPostgresBinary(args.get(0))) {
            return Optional.empty();
        }
        int d = args.indexOf("-D");
        if (d < 0 || d + 1 >= args.size()) {
            return Optional.empty();
        }
        Path dir = Path.of(args.get(d + 1));
        return Optional.of(
                dir.isAbsolute()
                        ? dir
                        : Path.of("/proc", Long.toString(pid), "cwd").resolve(dir));
    }

    private static boolean isPostgres(long pid) {
        List<String> args = cmdline(pid);
        return !args.isEmpty() && isPostgresBinary(args.get(0));
    }

    private static boolean isPostgresBinary(String arg0) {
        return arg0.equals("postgres") || arg0.endsWith("/postgres") || arg0.startsWith("postgres:");
    }

    private static List<String> cmdline(long pid) {
        try {
            byte[] bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            String all = new String(bytes, StandardCharsets.UTF_8);
            return all.isEmpty() ? List.of() : Arrays.asList(all.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return Objects.equals(
                    a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
        }
    }
}
