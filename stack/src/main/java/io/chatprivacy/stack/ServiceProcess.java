package io.chatprivacy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.Ports;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service running as a child JVM: {@code java -jar <service>/target/quarkus-app/quarkus-run.jar}, behind a {@link
 * Watchdog} (so {@link #process()} is the watchdog and the JVM its child) that stops it if the launcher dies.
 */
public final class ServiceProcess {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String name;
    private final int port;
    private final int healthPort;
    private final Path jar;
    private final Path logFile;
    private final List<String> command;
    private final boolean watched;
    private final Map<String, String> environment;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile boolean stopping;

    ServiceProcess(
            String name,
            int port,
            int healthPort,
            Path jar,
            Path logFile,
            List<String> javaOptions,
            Map<String, String> environment,
            Watchdog watchdog) {
        this.name = name;
        this.port = port;
        this.healthPort = healthPort;
        this.jar = jar;
        this.logFile = logFile;
        this.environment = Map.copyOf(environment);
        List<String> java = new ArrayList<>();
        java.add(javaExecutable());
        java.addAll(javaOptions);
        java.add("-jar");
        java.add(jar.toString());
        this.watched = watchdog != null;
        if (watched) {
            this.command = List.copyOf(watchdog.guard(java));
        } else {
            List<String> cmd = new ArrayList<>();
            // Own session: Ctrl-C in the terminal reaches only the launcher, which stops services in order.
            if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
                cmd.add("/usr/bin/setsid");
            }
            cmd.addAll(java);
            this.command = List.copyOf(cmd);
        }
    }

    /** What runs: a service's module name, or {@code console}. */
    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The port that serves {@code /q/health}: the management port of a service, the HTTP port of the console. */
    public int healthPort() {
        return healthPort;
    }

    public String healthUrl() {
        return "http://localhost:" + healthPort;
    }

    public Path logFile() {
        return logFile;
    }

    /** The process (the watchdog, with the service's JVM as its child), or null before {@link #start()}. */
    public Process process() {
        return process;
    }

    /** The service's JVM once it runs (the watchdog's child that is not a shell like the watchdog itself). */
    public Optional<ProcessHandle> jvm() {
        Process p = process;
        if (p == null || !watched) {
            return Optional.ofNullable(p).map(Process::toHandle);
        }
        Optional<String> shell = p.info().command();
        return p.children()
                .filter(child -> child.info().command().isPresent()
                        && !child.info().command().equals(shell))
                .findFirst();
    }

    public boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** Starts the process; the previous log becomes {@code <service>.log.1}. */
    synchronized void start() {
        if (isAlive()) {
            return;
        }
        if (!Files.isRegularFile(jar)) {
            throw new StackException(name + " is not built: " + jar + " is missing (run ./mvnw -DskipTests package)");
        }
        try {
            Files.createDirectories(logFile.getParent());
            if (Files.exists(logFile)) {
                Files.move(
                        logFile,
                        logFile.resolveSibling(logFile.getFileName() + ".1"),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(jar.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    // the watchdog's pipe (kept open by holding the Process), or nothing to read
                    .redirectInput(
                            watched
                                    ? ProcessBuilder.Redirect.PIPE
                                    : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            stopping = false;
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /**
     * Polls {@code GET /q/health/ready} on {@link #healthPort()} every 500 ms until it answers 200 with status UP.
     *
     * @throws StackException if the process exits or the timeout passes first
     */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create(healthUrl() + "/q/health/ready");
        String last = "no answer";
        while (true) {
            Process p = process;
            if (p == null || !p.isAlive()) {
                throw new StackException(
                        name + " exited with code " + (p == null ? "?" : p.exitValue()) + " before it was ready");
            }
            try {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // up, and listening on its own port too: a service whose management interface came up first can
                // still fail to bind its HTTP port, and exit
                boolean up = response.statusCode() == 200 && isUp(response.body());
                if (up && Ports.inUse(port)) {
                    return;
                }
                last = up
                        ? "ready, but nothing listens on its port " + port + " yet"
                        : "HTTP " + response.statusCode() + " " + oneLine(response.body());
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for " + name);
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(
                        name + " was not ready after " + timeout.toSeconds() + " s (last: " + last + ")");
            }
            try {
                p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for " + name);
            }
        }
    }

    private static boolean isUp(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && "UP".equals(json.path("status").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static String oneLine(String s) {
        String line = s.replaceAll("\\s+", " ").trim();
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }

    /** Whether {@link #stop()} was called (so an exit is expected). */
    boolean isStopping() {
        return stopping;
    }

    /** SIGTERM to the process and its descendants, up to 20 s grace, then SIGKILL. */
    synchronized void stop() {
        stopping = true;
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>();
        p.descendants().forEach(family::add);
        family.add(0, p.toHandle());
        p.destroy();
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle h : family) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // timed out or interrupted: forced below
            }
        }
        for (ProcessHandle h : family) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        for (ProcessHandle h : family) {
            try {
                h.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // gave it all we could
            }
        }
    }

    /**
     * SIGKILL to the service's JVM, as a crash or the kernel's OOM killer would end it: no shutdown hook, no graceful
     * close of connections or transactions. The watchdog exits with its child and nothing restarts it; {@link
     * #start()} does. Returns once the JVM and its watchdog are gone.
     */
    synchronized void kill() {
        stopping = true;
        Process p = process;
        if (p == null) {
            return;
        }
        ProcessHandle target = jvm().orElse(p.toHandle());
        target.destroyForcibly();
        try {
            target.onExit().get(10, TimeUnit.SECONDS);
            p.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new StackException("Cannot kill " + name + ": " + e);
        }
    }

    /** The last {@code lines} lines of the log. */
    public String tail(int lines) {
        return tail(logFile, lines);
    }

    static String tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return "(no log at " + file + ")";
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            long start = Math.max(0, length - 64 * 1024);
            raf.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            raf.readFully(bytes);
            String[] all = new String(bytes, StandardCharsets.UTF_8).split("\r?\n");
            int from = Math.max(start > 0 ? 1 : 0, all.length - lines);
            return String.join("\n", java.util.Arrays.copyOfRange(all, Math.min(from, all.length), all.length));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .filter(c -> c.endsWith("/java"))
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    @Override
    public String toString() {
        return name + " on " + baseUrl();
    }
}
