package io.chatprivacy.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the launcher's child processes stop when the launcher is gone, however it went (Ctrl-C, a crash, SIGKILL).
 *
 * <p>Each child runs behind {@code watchdog.sh} (a POSIX shell script, written to {@code <dataDir>/run/}), whose
 * standard input is a pipe from the launcher that the launcher never writes to. When the launcher dies the kernel
 * closes the pipe, the watchdog reads EOF and stops the child: SIGTERM, then SIGKILL after a grace period. Nothing
 * polls while the launcher lives. This was preferred to {@code PR_SET_PDEATHSIG} ({@code setpriv --pdeathsig}), which
 * fires when the <em>thread</em> that started the child ends (in a JVM often a short-lived one), sends one signal with
 * no escalation, and cannot reach PostgreSQL: zonky starts its postmaster with {@code pg_ctl start}, as a daemon that
 * is not even the launcher's descendant. PostgreSQL gets a watchdog of its
 * own that knows the data directory: on EOF it sends the postmaster named in {@code postmaster.pid} SIGINT (fast
 * shutdown), after checking that this pid really is a PostgreSQL server on that directory.
 *
 * <p>Each watchdog runs in its own session ({@code setsid}), so that Ctrl-C in the terminal reaches only the launcher,
 * which then stops everything in order.
 */
final class Watchdog {
    /** How long a service may take to stop after SIGTERM once its launcher is gone. */
    static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    /** How long PostgreSQL may take for its fast shutdown once the launcher is gone. */
    static final Duration POSTGRES_GRACE = Duration.ofSeconds(20);

    private static final Path SH = Path.of("/bin/sh");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path script;

    private Watchdog(Path script) {
        this.script = script;
    }

    /**
     * Writes {@code watchdog.sh} into {@code runDir}, or returns null where it cannot work (no {@code /bin/sh}, or no
     * {@code /proc} to identify processes by).
     */
    static Watchdog install(Path runDir) {
        if (!Files.isExecutable(SH) || !Files.isDirectory(Path.of("/proc/self"))) {
            return null;
        }
        try (InputStream in = Watchdog.class.getResourceAsStream("watchdog.sh")) {
            if (in == null) {
                throw new IllegalStateException("watchdog.sh is missing from the launcher's jar");
            }
            Files.createDirectories(runDir);
            Path script = runDir.resolve("watchdog.sh");
            Path tmp = Files.createTempFile(runDir, "watchdog", ".tmp");
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
            Files.move(tmp, script, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Watchdog(script);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the watchdog script to " + runDir, e);
        }
    }

    /** {@code command} run behind a watchdog: start it with its standard input a pipe the launcher keeps open. */
    List<String> guard(List<String> command) {
        List<String> cmd = prefix();
        cmd.add("run");
        cmd.add(Long.toString(SERVICE_GRACE.toSeconds()));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Starts the watchdog of the PostgreSQL server on {@code dataDir} (before the server, so that it is watched from
     * its first moment). Keep the returned process: its standard input is the pipe.
     */
    Process guardPostgres(Path dataDir, Path logFile) {
        List<String> cmd = prefix();
        cmd.add("postgres");
        cmd.add(Long.toString(POSTGRES_GRACE.toSeconds()));
        cmd.add(dataDir.toAbsolutePath().normalize().toString());
        try {
            return new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL's watchdog", e);
        }
    }

    /** Lets PostgreSQL's watchdog go after the server was stopped normally: it finds no postmaster and exits. */
    static void release(Process watchdog) {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                watchdog.destroy();
            }
        } catch (IOException e) {
            watchdog.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            watchdog.destroy();
        }
    }

    private List<String> prefix() {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        cmd.add(SH.toString());
        cmd.add(script.toString());
        return cmd;
    }
}
