package io.chatprivacy.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stands in for a service jar in tests (JDK only: copied alone into a fake quarkus-run.jar). Records its environment in
 * {@code env.txt} (and {@code env-<HTTP_PORT>.txt}, as replicas share it) in its working directory, serves {@code /q/health/ready} (on {@code MANAGEMENT_PORT} if set) and {@code POST /accounts}, and exits at
 * once if a file {@code fail} exists there.
 */
public final class FakeService {
    private static final List<String> CONTRACT = List.of(
            "HTTP_PORT",
            "MANAGEMENT_PORT",
            "KAFKA_BOOTSTRAP_SERVERS",
            "DB_URL",
            "DB_USER",
            "DB_PASSWORD",
            "SMTP_HOST",
            "SMTP_PORT",
            "MAIL_FROM",
            "JWT_PUBLIC_KEY_LOCATION",
            "JWT_ISSUER",
            "VAULT_MASTER_KEY",
            "CODE_TRANSPORT_KEY",
            "PSEUDONYM_KEY",
            "DELETION_SERVICE_URL",
            "PRIVACY_CENTER_URL",
            "REQUEST_SERVICE_URL");

    public static void main(String[] args) throws Exception {
        if (Files.exists(Path.of("fail"))) {
            System.out.println("fake service: failing on purpose");
            System.exit(3);
        }
        StringBuilder env = new StringBuilder();
        for (String name : CONTRACT) {
            if (System.getenv(name) != null) {
                env.append(name).append('=').append(System.getenv(name)).append('\n');
            }
        }
        Files.writeString(Path.of("env.txt"), env.toString());
        int port = Integer.parseInt(System.getenv("HTTP_PORT"));
        // replicas share the working directory: each one's own copy, by its port
        Files.writeString(Path.of("env-" + port + ".txt"), env.toString());
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", port), 10);
        // like a service: health on its management port when it has one (the console has none)
        String managementPort = System.getenv("MANAGEMENT_PORT");
        HttpServer health = managementPort == null
                ? server
                : HttpServer.create(new InetSocketAddress("localhost", Integer.parseInt(managementPort)), 10);
        health.createContext(
                "/q/health/ready", exchange -> send(exchange, 200, "{\"status\": \"UP\", \"checks\": []}"));
        if (health != server) {
            health.start();
        }
        server.createContext("/accounts", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Files.writeString(
                    Path.of("accounts-posted"), auth + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            send(
                    exchange,
                    201,
                    "{\"accountId\":\"" + UUID.randomUUID()
                            + "\",\"name\":\"Demo Shop\",\"ownerEmail\":\"owner@demo.example\",\"widgetKey\":\"wk-123\"}");
        });
        server.start();
        System.out.println("fake service listening on " + port);
    }

    /** Writes a jar of this class alone as {@code <home>/<module>/target/quarkus-app/quarkus-run.jar}. */
    static void installJar(Path home, String module) throws IOException {
        Path dir = home.resolve(module).resolve("target/quarkus-app");
        Files.createDirectories(dir);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String classFile = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(dir.resolve("quarkus-run.jar"));
                JarOutputStream jar = new JarOutputStream(file, manifest);
                InputStream clazz = FakeService.class.getClassLoader().getResourceAsStream(classFile)) {
            jar.putNextEntry(new JarEntry(classFile));
            clazz.transferTo(jar);
            jar.closeEntry();
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        exchange.close();
    }
}
