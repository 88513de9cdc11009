package io.chatprivacy.infra;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the servers' own chatter down to warnings.
 *
 * <p>Works through {@code java.util.logging}, which both the JBoss LogManager (Quarkus tests) and {@code slf4j-jdk14}
 * (the stack launcher) honour. Set system property {@code infra.verbose=true} to keep the servers' INFO logs.
 */
final class Logs {
    private static final List<String> NOISY = List.of(
            "kafka",
            "org.apache.kafka",
            "state.change.logger",
            "org.apache.zookeeper",
            "io.zonky",
            "com.icegreen",
            "org.postgresql");

    // java.util.logging keeps loggers weakly: hold them so the levels stick.
    private static final List<Logger> HELD = new java.util.ArrayList<>();

    private Logs() {}

    static synchronized void quiet() {
        if (!HELD.isEmpty() || Boolean.getBoolean("infra.verbose")) {
            return;
        }
        for (String name : NOISY) {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(Level.WARNING);
            HELD.add(logger);
        }
    }
}
