package io.chatprivacy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * The demo account's web shop, as a host page of the pre-chat consent widget: {@code http://localhost:3000/} loads
 * consent-service's {@code /widget/v1/consent.js} with the demo widget key (and its SRI hash), and its "Start chat"
 * button goes through the widget's gate ({@code ChatConsent.requestChatStart}). The page is served with a strict
 * Content-Security-Policy (no inline script or style) to show what a host needs to allow. Bound to the loopback
 * address only: the page holds the demo widget key (public by nature: every host page shows its key).
 *
 * <p>When the demo account has no pre-chat form yet, the demo form is published once as its owner (in the background,
 * as soon as consent-service knows the account).
 */
public final class DemoSite implements AutoCloseable {

    /** The demo form: a required consent to the chat (with the privacy policy linked) and an optional newsletter. */
    static final String DEMO_FORM = """
            {"fields": [{"id": "name", "kind": "NAME", "label": "Your name", "required": false},
                        {"id": "email", "kind": "EMAIL", "label": "Your email", "required": false}],
             "consents": [
               {"id": "chat-processing", "required": true,
                "label": "I agree that Demo Shop processes what I write in this chat to answer me, and keeps it for 12 months. I can withdraw this at any time. See the [privacy policy](https://shop.example/privacy)."},
               {"id": "newsletter", "required": false,
                "label": "Send me the Demo Shop newsletter by email every month."}]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String consentUrl;
    private final String widgetKey;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private DemoSite(HttpServer server, String consentUrl, String widgetKey) {
        this.server = server;
        this.consentUrl = consentUrl;
        this.widgetKey = widgetKey;
    }

    /**
     * Serves the demo page on {@code port} of the loopback address.
     *
     * @param consentUrl consent-service's base URL, e.g. {@code http://localhost:8081}
     * @param widgetKey the widget key the page embeds
     */
    public static DemoSite start(int port, String consentUrl, String widgetKey) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            DemoSite site = new DemoSite(server, consentUrl, widgetKey);
            server.createContext("/", site::handle);
            server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "demo-site");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return site;
        } catch (IOException e) {
            throw new StackException("Cannot serve the demo page on port " + port + ": " + e.getMessage());
        }
    }

    /** {@code http://localhost:<port>}: the origin the widget's calls come from. */
    public String origin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    public String url() {
        return origin() + "/";
    }

    /** The Content-Security-Policy of the page: what a host page of the widget needs, and nothing inline. */
    String contentSecurityPolicy() {
        return "default-src 'none'; script-src 'self' " + consentUrl + "; connect-src " + consentUrl
                + "; style-src 'self' " + consentUrl + "; img-src 'self'; base-uri 'none'; form-action 'none';"
                + " frame-ancestors 'none'";
    }

    /**
     * Publishes {@link #DEMO_FORM} as the account's owner unless the account has a form, retrying for up to a minute
     * while consent-service does not know the account yet (it learns of it from {@code account-events}). In the
     * background; failures are printed, never thrown.
     */
    public void ensureDemoForm(String accountId, String ownerToken) {
        Thread publisher = new Thread(
                () -> {
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    String url = consentUrl + "/accounts/" + accountId + "/form-versions";
                    while (System.nanoTime() < deadline) {
                        try {
                            HttpResponse<String> list = http.send(
                                    HttpRequest.newBuilder(URI.create(url))
                                            .timeout(Duration.ofSeconds(10))
                                            .header("Authorization", "Bearer " + ownerToken)
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (list.statusCode() == 200) {
                                JsonNode versions = JSON.readTree(list.body());
                                if (versions.isArray() && !versions.isEmpty()) {
                                    return;
                                }
                                int status = http.send(
                                                HttpRequest.newBuilder(URI.create(url))
                                                        .timeout(Duration.ofSeconds(10))
                                                        .header("Authorization", "Bearer " + ownerToken)
                                                        .header("Content-Type", "application/json")
                                                        .POST(HttpRequest.BodyPublishers.ofString(DEMO_FORM))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode();
                                if (status == 201 || status == 200) {
                                    return;
                                }
                            }
                            Thread.sleep(500);
                        } catch (IOException e) {
                            // consent-service busy or restarting: try again
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.out.println("! the demo pre-chat form could not be published (see the consent-service log)");
                },
                "demo-form");
        publisher.setDaemon(true);
        publisher.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("GET")
                    && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed");
                return;
            }
            switch (path) {
                case "/", "/index.html" -> send(exchange, 200, "text/html; charset=utf-8", page());
                case "/demo.js" -> send(exchange, 200, "text/javascript; charset=utf-8", resource("demo-site/demo.js"));
                case "/demo.css" -> send(exchange, 200, "text/css; charset=utf-8", resource("demo-site/demo.css"));
                case "/favicon.ico" -> send(exchange, 204, "image/x-icon", "");
                default -> send(exchange, 404, "text/plain; charset=utf-8", "not found");
            }
        }
    }

    private String page() {
        String integrity = sri();
        return resource("demo-site/index.html")
                .replace("{{consentUrl}}", html(consentUrl))
                .replace("{{widgetKey}}", html(widgetKey))
                .replace("{{integrity}}", integrity == null ? "" : " integrity=\"" + html(integrity) + "\"");
    }

    /** The script's SRI value as consent-service publishes it, or null when it cannot be read now. */
    private String sri() {
        try {
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(consentUrl + "/widget/v1/consent.js.sri"))
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = answer.body().trim();
            return answer.statusCode() == 200 && body.matches("sha384-[A-Za-z0-9+/=]+") ? body : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("Content-Security-Policy", contentSecurityPolicy());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String resource(String name) {
        try (var in = DemoSite.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String html(String value) {
        return value.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
