package io.chatprivacy.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Apache Kafka cluster (KRaft, broker and controller in one) running inside this JVM.
 *
 * <p>The broker is the same release as the Quarkus-managed {@code kafka-clients}, so it can share a JVM with a Quarkus
 * test. Start-up takes a few seconds.
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start(null, 0)) {
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>Instances are thin facades over a handle made of JDK types only (see {@link Infra}), so that an instance created in
 * one class loader can be used from another one in the same JVM.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Map<String, Object> handle;

    private KafkaBroker(Map<String, Object> handle) {
        this.handle = handle;
    }

    /**
     * Starts a broker.
     *
     * @param logDir where the broker keeps its data; {@code null} for a temporary directory (under {@link
     *     Infra#workDir()}) deleted on {@link #close()}. A non-null directory is persistent: it is formatted only if it
     *     has not been formatted yet, so topics and offsets survive restarts.
     * @param port the client (PLAINTEXT) port on localhost, or 0 for a free port
     */
    public static KafkaBroker start(Path logDir, int port) {
        Server server = new Server(logDir, port);
        server.start();
        return new KafkaBroker(server.handle());
    }

    static KafkaBroker fromHandle(Map<String, Object> handle) {
        return new KafkaBroker(handle);
    }

    Map<String, Object> handle() {
        return handle;
    }

    /** {@code localhost:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return Handles.get(handle, "bootstrapServers");
    }

    /** The client port. Stays the same across {@link #stop()} and {@link #restart()}. */
    public int port() {
        return Handles.<Integer>get(handle, "port");
    }

    /** The directory holding the broker's data. */
    public Path logDir() {
        return Handles.get(handle, "logDir");
    }

    /** Whether the broker is running (started and neither stopped nor closed). */
    public boolean isRunning() {
        return Handles.<Boolean>get(handle, "running");
    }

    /** Shuts the broker down, keeping its data and ports, so that {@link #restart()} can bring it back. */
    public void stop() {
        Handles.run(handle, "stop");
    }

    /** Starts a stopped broker again on the same port and log directory. Does nothing if it is running. */
    public void restart() {
        Handles.run(handle, "restart");
    }

    /** Shuts the broker down for good; a temporary log directory is deleted. Idempotent. */
    @Override
    public void close() {
        Handles.run(handle, "close");
    }

    @Override
    public String toString() {
        return "KafkaBroker[" + bootstrapServers() + "]";
    }

    /** The real broker. Only reached through its handle. */
    private static final class Server {
        private final Path logDir;
        private final boolean temporary;
        private final int port;
        private final int controllerPort;
        private KafkaRaftServer raft;
        private boolean closed;

        Server(Path logDir, int port) {
            try {
                if (logDir == null) {
                    Path root = Infra.workDir();
                    Files.createDirectories(root);
                    this.logDir = Files.createTempDirectory(root, "kafka-").toAbsolutePath();
                    this.temporary = true;
                } else {
                    this.logDir = Files.createDirectories(logDir).toAbsolutePath();
                    this.temporary = false;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.port = port == 0 ? Ports.free() : port;
            this.controllerPort = Ports.free();
        }

        Map<String, Object> handle() {
            return Map.of(
                    "bootstrapServers", (Supplier<String>) () -> "localhost:" + port,
                    "port", (Supplier<Integer>) () -> port,
                    "logDir", (Supplier<Path>) () -> logDir,
                    "running", (Supplier<Boolean>) this::isRunning,
                    "stop", (Runnable) this::stop,
                    "restart", (Runnable) this::start,
                    "close", (Runnable) this::close);
        }

        private synchronized boolean isRunning() {
            return raft != null;
        }

        private Properties config() {
            Properties p = new Properties();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@localhost:" + controllerPort);
            p.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
            p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
            p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "PLAINTEXT");
            p.put("log.dirs", logDir.toString());
            p.put("metadata.log.dir", logDir.toString());
            // Single node: every replication factor and ISR is 1.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "5");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "5");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            p.put("auto.create.topics.enable", "true");
            p.put("num.partitions", "3");
            p.put("group.initial.rebalance.delay.ms", "0");
            // Small footprint: this runs next to tests and services on two cores.
            p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
            p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
            p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
            p.put("num.network.threads", "2");
            p.put("num.io.threads", "2");
            p.put("background.threads", "2");
            p.put("num.recovery.threads.per.data.dir", "1");
            return p;
        }

        private synchronized void start() {
            if (closed) {
                throw new IllegalStateException("Kafka broker is closed");
            }
            if (raft != null) {
                return;
            }
            Logs.quiet();
            Properties props = config();
            format(props);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
            try {
                server.startup();
            } catch (RuntimeException e) {
                try {
                    server.shutdown();
                    server.awaitShutdown();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
            raft = server;
        }

        private void format(Properties props) {
            if (Files.exists(logDir.resolve("meta.properties"))) {
                return;
            }
            try {
                Path configFile = Files.createTempFile(logDir, "server-", ".properties");
                try {
                    try (var out = Files.newOutputStream(configFile)) {
                        props.store(out, "generated by " + KafkaBroker.class.getName());
                    }
                    ByteArrayOutputStream output = new ByteArrayOutputStream();
                    int rc;
                    try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
                        rc = StorageTool.execute(
                                new String[] {
                                    "format",
                                    "--config",
                                    configFile.toString(),
                                    "--cluster-id",
                                    Uuid.randomUuid().toString(),
                                    "--ignore-formatted"
                                },
                                print);
                    }
                    if (rc != 0) {
                        throw new IllegalStateException("Formatting Kafka storage in " + logDir + " failed: "
                                + output.toString(StandardCharsets.UTF_8));
                    }
                } finally {
                    Files.deleteIfExists(configFile);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private synchronized void stop() {
            if (raft == null) {
                return;
            }
            KafkaRaftServer server = raft;
            raft = null;
            server.shutdown();
            server.awaitShutdown();
        }

        private synchronized void close() {
            if (closed) {
                return;
            }
            try {
                stop();
            } finally {
                closed = true;
                if (temporary) {
                    Files2.deleteRecursively(logDir);
                }
            }
        }
    }
}
