package io.chatprivacy.notification.health;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the SMTP relay: a service that cannot reach it still accepts events (mail waits in
 * the delivery log and is retried), but operators must see that mail is not leaving.
 */
@Readiness
@ApplicationScoped
public class SmtpHealthCheck implements HealthCheck {

    private final String host;
    private final int port;

    SmtpHealthCheck(
            @ConfigProperty(name = "quarkus.mailer.host") String host,
            @ConfigProperty(name = "quarkus.mailer.port") int port) {
        this.host = host;
        this.port = port;
    }

    @Override
    public HealthCheckResponse call() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            return HealthCheckResponse.named("SMTP relay")
                    .up()
                    .withData("host", host + ":" + port)
                    .build();
        } catch (IOException e) {
            return HealthCheckResponse.named("SMTP relay")
                    .down()
                    .withData("host", host + ":" + port)
                    .build();
        }
    }
}
