package io.chatprivacy.infra.testing;

import io.chatprivacy.infra.Infra;
import io.chatprivacy.infra.MailServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * An SMTP server for {@code @QuarkusTest}s: the JVM-wide {@link Infra#mail()} server (started once per test JVM, never
 * stopped by {@link #stop()}). All test classes share it: purge or count relative to a start.
 *
 * <p>Config: {@code quarkus.mailer.host=localhost}, {@code quarkus.mailer.port}, {@code quarkus.mailer.mock=false},
 * {@code quarkus.mailer.tls=false}, {@code quarkus.mailer.start-tls=DISABLED}, {@code
 * quarkus.mailer.from=privacy@localhost}.
 *
 * <p>Injects {@link MailServer} fields annotated {@link InjectMailServer}.
 */
public class MailResource implements QuarkusTestResourceLifecycleManager {
    private MailServer server;

    @Override
    public Map<String, String> start() {
        server = Infra.mail();
        if (!server.isRunning()) {
            server.restart(); // a previous test stopped it and did not bring it back
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

    /** Does nothing: the server is shared by all tests in this JVM. */
    @Override
    public void stop() {}
}
