package io.chatprivacy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The demo account: registered once through request-service's {@code POST /accounts} (admin token), remembered in
 * {@code <dataDir>/demo-account.json}, and the demo credentials written to {@code <dataDir>/demo-credentials.env}.
 */
final class DemoAccount {
    /** The demo credentials' file in the data folder, readable by its owner only. */
    static final String CREDENTIALS_FILE = "demo-credentials.env";

    static final String NAME = "Demo Shop";
    static final String OWNER_EMAIL = "owner@demo.example";
    static final String AGENT_EMAIL = "agent@demo.example";
    static final String PLATFORM_SUBJECT = "chat-platform@demo.example";
    static final List<String> ALLOWED_ORIGINS = List.of("http://localhost:3000");

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoAccount() {}

    /**
     * Registers the account unless {@code demo-account.json} exists. Returns the stored account, or empty if the
     * endpoint is missing (404) or failed (a warning is printed). A new account also allows {@code demoSiteOrigin}
     * (when given and not one of {@link #ALLOWED_ORIGINS}), the origin the demo page is served from.
     */
    static Optional<JsonNode> ensure(Path dataDir, String requestServiceUrl, JwtSigner jwt, String demoSiteOrigin) {
        Path file = dataDir.resolve("demo-account.json");
        Optional<JsonNode> stored = read(file);
        if (stored.isPresent() || requestServiceUrl == null) {
            if (stored.isPresent()
                    && demoSiteOrigin != null
                    && !ALLOWED_ORIGINS.contains(demoSiteOrigin)
                    && !stored.get().path("allowedOrigins").toString().contains("\"" + demoSiteOrigin + "\"")) {
                System.out.println("! the demo account (registered earlier) does not allow " + demoSiteOrigin
                        + ": the demo page's widget calls will be refused (use the default --demo-site-port=3000)");
            }
            return stored;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", NAME);
        body.put("ownerEmail", OWNER_EMAIL);
        List<String> origins = new java.util.ArrayList<>(ALLOWED_ORIGINS);
        if (demoSiteOrigin != null && !origins.contains(demoSiteOrigin)) {
            origins.add(demoSiteOrigin);
        }
        body.put("allowedOrigins", origins);
        try {
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(requestServiceUrl + "/accounts"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + jwt.adminToken())
                            .header("Content-Type", "application/json")
                            .header("Accept", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 404) {
                System.out.println("! request-service has no POST /accounts yet (404): demo account skipped");
                return Optional.empty();
            }
            // never the body on screen: a registered account's answer carries its widget key
            if (status != 201 && status != 200) {
                System.out.println("! registering the demo account failed: HTTP " + status + " (see "
                        + dataDir.resolve("logs/request-service.log") + ")");
                return Optional.empty();
            }
            JsonNode account = JSON.readTree(response.body());
            if (account == null || account.path("accountId").asText("").isBlank()) {
                System.out.println("! the demo account's registration answered no accountId");
                return Optional.empty();
            }
            write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(account) + "\n");
            System.out.println(
                    "Registered demo account " + account.path("accountId").asText());
            return Optional.of(account);
        } catch (IOException e) {
            System.out.println(
                    "! registering the demo account failed: " + e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Signs fresh tokens and writes {@code demo-credentials.env}, with the sign-in credentials unless null. */
    static DemoCredentials writeCredentials(Path dataDir, Optional<JsonNode> account, JwtSigner jwt, SignIn signIn) {
        String accountId = account.map(a -> a.path("accountId").asText(null)).orElse(null);
        String widgetKey = account.map(a -> a.path("widgetKey").asText(null)).orElse(null);
        DemoCredentials credentials = new DemoCredentials(
                accountId,
                widgetKey,
                accountId == null ? null : jwt.ownerToken(OWNER_EMAIL, accountId),
                accountId == null ? null : jwt.agentToken(AGENT_EMAIL, accountId),
                jwt.adminToken(),
                accountId == null ? null : jwt.platformToken(PLATFORM_SUBJECT, accountId));
        Path file = dataDir.resolve(CREDENTIALS_FILE);
        String header = "# Demo credentials, written by the stack launcher at " + Instant.now()
                + " (tokens: owner/agent/platform 30 days, admin 1 hour). Secrets: keep this file to yourself.\n"
                + "# Use: set -a; . " + file + "; set +a\n";
        String signInLines = signIn == null
                ? ""
                : "# Sign-in (OpenID Connect, Keycloak realm " + Keycloak.REALM + "): new at every start\n"
                        + signIn.toEnv();
        write(file, header + credentials.toEnv() + signInLines);
        return credentials;
    }

    private static Optional<JsonNode> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode json = JSON.readTree(file.toFile());
            if (json != null && !json.path("accountId").asText("").isBlank()) {
                return Optional.of(json);
            }
        } catch (IOException e) {
            // fall through
        }
        System.out.println("! ignoring unreadable " + file);
        return Optional.empty();
    }

    private static void write(Path file, String content) {
        try {
            // owner-readable only (createTempFile's default, made explicit): both files hold secrets
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data folder's own permissions must do
            }
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String shellQuote(String value) {
        if (value == null) {
            return "";
        }
        if (value.matches("[A-Za-z0-9._:/@+=-]*")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
