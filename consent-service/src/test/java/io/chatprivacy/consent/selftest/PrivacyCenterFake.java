package io.chatprivacy.consent.selftest;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A small real HTTP server in request-service's place: its public privacy center as the self-test calls it. What it
 * answers is set by the test ({@link #onSubmit}, {@link #statusOf}); the self-test's HTTP client, JSON and status
 * token handling are the real ones.
 */
public class PrivacyCenterFake implements QuarkusTestResourceLifecycleManager {

    /** A submission as received: the account, and the body as sent. */
    public record Submission(String accountId, String body, UUID requestId) {}

    /** Answers a submission: the HTTP status (201 opens {@code submission.requestId()}). */
    public static volatile Function<Submission, Integer> onSubmit = s -> 201;

    /** The status the status page shows for a request (or null: 404). */
    public static volatile Function<UUID, String> statusOf = id -> "OPENED";

    /** The status tokens handed out, by request. */
    public static final Map<UUID, String> TOKENS = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/privacy-center/", exchange -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            int status;
            String body = "";
            if ("POST".equals(exchange.getRequestMethod()) && path.length == 4 && "requests".equals(path[3])) {
                UUID requestId = UUID.randomUUID();
                String sent = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                status = onSubmit.apply(new Submission(path[2], sent, requestId));
                if (status == 201) {
                    String token = UUID.randomUUID().toString().replace("-", "");
                    TOKENS.put(requestId, token);
                    body = "{\"intakeId\":\"" + UUID.randomUUID() + "\",\"status\":\"OPENED\","
                            + "\"verificationRequired\":false,\"requestId\":\"" + requestId
                            + "\",\"statusToken\":\"" + token + "\"}";
                }
            } else if ("GET".equals(exchange.getRequestMethod()) && path.length == 5) {
                UUID requestId = UUID.fromString(path[4]);
                String token = exchange.getRequestHeaders().getFirst("X-Status-Token");
                String shown = token != null && token.equals(TOKENS.get(requestId)) ? statusOf.apply(requestId) : null;
                status = shown == null ? 404 : 200;
                body = shown == null ? "" : "{\"requestId\":\"" + requestId + "\",\"status\":\"" + shown + "\"}";
            } else {
                status = 404;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of(
                "consent.self-test.request-service-url",
                "http://127.0.0.1:" + server.getAddress().getPort(),
                "consent.self-test.deadline",
                "20s",
                "consent.self-test.poll-interval",
                "200ms");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
