package io.chatprivacy.infra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * JVM-wide servers for tests, each started on first use and closed by a shutdown hook. Their temporary data lives under
 * {@link #workDir()}, not in /tmp.
 *
 * <p>"JVM-wide" holds across class loaders: a Quarkus test JVM that loads this class several times still runs one
 * broker, one PostgreSQL and one SMTP server.
 */
public final class Infra {
    /** An interned literal: the same object for every class loader, so it serialises starts JVM-wide. */
    private static final String LOCK = "io.chatprivacy.infra.Infra#start-lock";

    /** System property naming the directory for temporary server data; default {@code target/infra}. */
    public static final String WORK_DIR_PROPERTY = "infra.work.dir";

    private Infra() {}

    /** Where temporary server data goes: system property {@value #WORK_DIR_PROPERTY}, default {@code target/infra}. */
    public static Path workDir() {
        return Paths.get(System.getProperty(WORK_DIR_PROPERTY, "target/infra")).toAbsolutePath();
    }

    /** The shared Kafka broker (random port, temporary data). */
    public static KafkaBroker kafka() {
        return KafkaBroker.fromHandle(shared("kafka", () -> {
            sweepStale("kafka-", ".lock");
            return KafkaBroker.start(null, 0).handle();
        }));
    }

    /** The shared PostgreSQL server (random port, temporary data). */
    public static PostgresServer postgres() {
        return PostgresServer.fromHandle(shared("postgres", () -> {
            sweepStale("postgres-", "epg-lock");
            return PostgresServer.start(null, 0).handle();
        }));
    }

    /** The shared SMTP server (random SMTP port, HTTP read API on a random port). */
    public static MailServer mail() {
        return MailServer.fromHandle(shared("mail", () -> MailServer.start(0, 0).handle()));
    }

    private interface Starter {
        Map<String, Object> start();
    }

    private static Map<String, Object> shared(String key, Starter starter) {
        synchronized (LOCK) {
            Map<String, Object> handle = SharedHandle.lookup(key);
            if (handle == null) {
                handle = starter.start();
                SharedHandle.register(key, handle);
                Runnable close = (Runnable) handle.get("close");
                Runtime.getRuntime().addShutdownHook(new Thread(close, "infra-close-" + key));
            }
            return handle;
        }
    }

    /**
     * Removes data directories left under {@link #workDir()} by JVMs that died without closing their servers (their
     * lock file is no longer held), stopping an orphaned PostgreSQL first.
     */
    private static void sweepStale(String prefix, String lockFileName) {
        Path root = workDir();
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> candidates;
        try (Stream<Path> children = Files.list(root)) {
            candidates = children.filter(p -> p.getFileName().toString().startsWith(prefix))
                    .filter(Files::isDirectory)
                    .toList();
        } catch (IOException e) {
            return;
        }
        for (Path dir : candidates) {
            Path lockFile = dir.resolve(lockFileName);
            if (Files.exists(lockFile) ? !lockable(lockFile) : youngerThanTenMinutes(dir)) {
                continue; // a live process owns it, or may be about to
            }
            if (prefix.startsWith("postgres")) {
                PostgresServer.stopOrphan(dir);
            }
            Files2.deleteRecursively(dir);
        }
    }

    private static boolean youngerThanTenMinutes(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toMillis() > System.currentTimeMillis() - 600_000;
        } catch (IOException e) {
            return true;
        }
    }

    private static boolean lockable(Path lockFile) {
        try (RandomAccessFile file = new RandomAccessFile(lockFile.toFile(), "rw")) {
            FileLock lock = file.getChannel().tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by this JVM
        } catch (IOException e) {
            return false;
        }
    }
}
