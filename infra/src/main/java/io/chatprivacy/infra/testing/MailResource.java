package io.chatprivacy.infra.testing;

import io.chatprivacy.infra.Infra;
import io.chatprivacy.infra.MailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * An SMTP server for {@code @QuarkusTest}s: the JVM-wide {@link Infra#mail()} server (started once per test JVM, never
 * stopped by {@link #stop()}). All test classes share it: purge or count relative to a start.
 *
 * <p>With the init arg {@value #IDLE_TIMEOUT} (an ISO-8601 duration such as {@code PT2S}) it starts a server of its own
 * instead, whose SMTP sessions time out after that idle time, without HTTP API, and closes it in {@link #stop()}. Give
 * it only to a {@code QuarkusTestProfile} that disables the global test resources (or with {@code
 * restrictToAnnotatedClass}), so that no other test class is pointed at it.
 *
 * <p>Config: {@code quarkus.mailer.host=localhost}, {@code quarkus.mailer.port}, {@code quarkus.mailer.mock=false},
 * {@code quarkus.mailer.tls=false}, {@code quarkus.mailer.start-tls=DISABLED}, {@code
 * quarkus.mailer.from=privacy@localhost}.
 *
 * <p>Injects {@link MailServer} fields annotated {@link InjectMailServer}.
 */
public class MailResource implements QuarkusTestResourceLifecycleManager {
    /** Init arg: a server of this resource's own whose sessions time out after this idle time (ISO-8601). */
    public static final String IDLE_TIMEOUT = "idle-timeout";

    private Duration idleTimeout;
    private MailServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        String value = initArgs.get(IDLE_TIMEOUT);
        if (value == null) {
            return;
        }
        try {
            idleTimeout = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    IDLE_TIMEOUT + " must be an ISO-8601 duration such as PT2S: " + value, e);
        }
    }

    @Override
    public Map<String, String> start() {
        if (idleTimeout != null) {
            server = MailServer.start(0, -1, idleTimeout);
        } else {
            server = Infra.mail();
            if (!server.isRunning()) {
                server.restart(); // a previous test stopped it and did not bring it back
            }
        }
        return Map.of(
                "quarkus.mailer.host", "localhost",
                "quarkus.mailer.port", String.valueOf(server.smtpPort()),
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED",
                "quarkus.mailer.from", "privacy@localhost");
    }

    @Override
    public void inject(Object testInstance) {
        MailServer mail = server != null ? server : Infra.mail();
        Injection.inject(
                testInstance,
                InjectMailServer.class.getName(),
                MailServer.class.getName(),
                type -> Injection.facade(type, mail));
    }

    /** Closes a server of this resource's own; the shared one stays up for the other tests in this JVM. */
    @Override
    public void stop() {
        if (idleTimeout != null && server != null) {
            server.close();
        }
    }
}
