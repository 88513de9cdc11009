package io.chatprivacy.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The stack's OpenID Connect provider: Keycloak ({@code org.keycloak:keycloak-quarkus-dist}, unpacked by the stack's
 * build into {@code stack/target/keycloak/}) in development mode with an in-memory database, on {@code localhost}.
 *
 * <p>Every start is fresh: the realm {@value #REALM} is created through the admin REST API from the committed template
 * {@code keycloak-realm.json} (roles {@code owner} and {@code agent}; the confidential client {@code console} for the
 * authorization-code flow and the public client {@code demo-cli} with the password grant; on both, mappers putting
 * the realm roles in {@code groups}, the user attribute {@code account_id} in {@code account_id} and
 * {@value #AUDIENCE} in {@code aud}), then the users are added once their account exists. Passwords and the console's
 * secret are new at every start and go to the demo credentials file only.
 *
 * <p>Like a service it runs behind the {@link Watchdog}, so it stops when the launcher is gone.
 */
public final class Keycloak {
    public static final String REALM = "chat-privacy";
    /** What the services require in {@code aud} of the provider's tokens ({@code OIDC_AUDIENCE}). */
    public static final String AUDIENCE = "chat-privacy";

    public static final String CONSOLE_CLIENT = "console";
    public static final String CLI_CLIENT = "demo-cli";
    /** The realm roles, named as the services' {@code groups} roles (platform's {@code Roles}). */
    public static final String OWNER_ROLE = "owner";

    public static final String AGENT_ROLE = "agent";
    /** JVM options: C1 only and the serial collector cut its start on two busy cores from 136 s to 44 s, RSS to 330 MB. */
    static final String JAVA_OPTS = "-XX:MetaspaceSize=96M -XX:MaxMetaspaceSize=256m -Xms64m -Xmx384m -XX:+UseSerialGC"
            + " -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError -Dfile.encoding=UTF-8"
            + " -Djava.security.egd=file:/dev/urandom";

    private static final String ADMIN = "admin";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final int port;
    private final Path logFile;
    private final String adminPassword = secret();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile Process process;

    private Keycloak(int port, Path logFile) {
        this.port = port;
        this.logFile = logFile;
    }

    /** The unpacked distribution ({@code <home>/stack/target/keycloak/keycloak-<version>}), if the build made it. */
    static Optional<Path> distribution(Path home) {
        Path dir = home.resolve("stack/target/keycloak");
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.getFileName().toString().startsWith("keycloak-")
                            && Files.isRegularFile(p.resolve("bin/kc.sh")))
                    .sorted()
                    .reduce((a, b) -> b);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts Keycloak on {@code port} and returns at once ({@link #awaitReady} waits). Its first start on a fresh
     * build also builds its optimized server image inside the distribution (a minute on a busy machine).
     */
    static Keycloak start(Path distribution, int port, Path dataDir, Watchdog watchdog) {
        Keycloak keycloak = new Keycloak(port, dataDir.resolve("logs/keycloak.log"));
        List<String> kc = List.of(
                "/bin/sh",
                distribution.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-port=" + port,
                "--hostname=http://localhost:" + port,
                "--db=dev-mem",
                "--log=console");
        List<String> command = watchdog != null ? watchdog.guard(kc) : kc;
        try {
            Files.createDirectories(keycloak.logFile.getParent());
            Path tx = dataDir.resolve("keycloak");
            Files.createDirectories(tx);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(distribution.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(keycloak.logFile.toFile()))
                    .redirectInput(
                            watchdog != null
                                    ? ProcessBuilder.Redirect.PIPE
                                    : ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            // its transaction log in the data folder, not in the distribution that other stacks share
            env.put(
                    "JAVA_OPTS",
                    JAVA_OPTS + " -Dquarkus.transaction-manager.object-store.directory=" + tx.resolve("tx"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", keycloak.adminPassword);
            keycloak.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak", e);
        }
        return keycloak;
    }

    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>}: the admin console is at {@code /admin/} (user admin). */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The realm's issuer, {@code iss} of its tokens and the services' {@code OIDC_ISSUER_URL}. */
    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** The bootstrap admin's password (user {@code admin} of the master realm), new at every start. */
    public String adminPassword() {
        return adminPassword;
    }

    public Path logFile() {
        return logFile;
    }

    /** The watchdog (or {@code kc.sh}) process. */
    public Process process() {
        return process;
    }

    /** Keycloak's JVM, once running. */
    public Optional<ProcessHandle> jvm() {
        Process p = process;
        return p == null
                ? Optional.empty()
                : p.descendants()
                        .filter(d ->
                                d.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .findFirst();
    }

    /** Waits until the master realm's discovery document answers. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI ready = URI.create(url() + "/realms/master/.well-known/openid-configuration");
        String last = "no answer";
        while (true) {
            Process p = process;
            if (!p.isAlive()) {
                throw new StackException("Keycloak exited with code " + p.exitValue()
                        + " before it was ready; last lines of " + logFile + ":\n" + ServiceProcess.tail(logFile, 25));
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(ready)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Keycloak");
            }
            if (System.nanoTime() > deadline) {
                throw new StackException("Keycloak was not ready after " + timeout.toSeconds() + " s (last: " + last
                        + "); last lines of " + logFile + ":\n" + ServiceProcess.tail(logFile, 25));
            }
            try {
                p.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("Interrupted while waiting for Keycloak");
            }
        }
    }

    /** Creates the realm from the template, with this console secret. */
    void createRealm(String consoleSecret) {
        ObjectNode realm;
        try (InputStream in = Keycloak.class.getResourceAsStream("keycloak-realm.json")) {
            if (in == null) {
                throw new IllegalStateException("keycloak-realm.json is missing from the launcher's jar");
            }
            realm = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode mappers = realm.remove("protocolMappers (added to each client)");
        for (JsonNode client : realm.withArray("clients")) {
            ((ObjectNode) client).set("protocolMappers", mappers.deepCopy());
            if (CONSOLE_CLIENT.equals(client.path("clientId").asText())) {
                ((ObjectNode) client).put("secret", consoleSecret);
            }
        }
        String token = adminToken();
        admin(token, "POST", "/admin/realms", realm);
        // account_id is an attribute the user profile does not declare: admins may set it, users neither see nor
        // change it
        ObjectNode profile = (ObjectNode) admin(token, "GET", "/admin/realms/" + REALM + "/users/profile", null);
        profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        admin(token, "PUT", "/admin/realms/" + REALM + "/users/profile", profile);
    }

    /**
     * Adds a user of the realm: {@code email} as user name and email (verified), the realm role {@code role} only
     * (the realm's default roles are taken away, so that {@code groups} is exactly the role) and, unless null,
     * {@code account_id}.
     *
     * @return the user's id
     */
    public String createUser(String email, String password, String role, String accountId) {
        String token = adminToken();
        ObjectNode user = JSON.createObjectNode();
        user.put("username", email);
        user.put("email", email);
        user.put("emailVerified", true);
        user.put("enabled", true);
        String local = email.substring(0, email.indexOf('@'));
        user.put("firstName", Character.toUpperCase(local.charAt(0)) + local.substring(1));
        user.put("lastName", "Demo");
        if (accountId != null) {
            user.putObject("attributes").putArray("account_id").add(accountId);
        }
        ObjectNode credential = user.putArray("credentials").addObject();
        credential.put("type", "password");
        credential.put("value", password);
        credential.put("temporary", false);
        String base = "/admin/realms/" + REALM;
        admin(token, "POST", base + "/users", user);
        JsonNode found = admin(
                token,
                "GET",
                base + "/users?exact=true&username=" + URLEncoder.encode(email, StandardCharsets.UTF_8),
                null);
        String id = found.path(0).path("id").asText();
        String userRoles = base + "/users/" + id + "/role-mappings/realm";
        ArrayNode remove = JSON.createArrayNode();
        admin(token, "GET", userRoles, null).forEach(remove::add);
        if (!remove.isEmpty()) {
            admin(token, "DELETE", userRoles, remove);
        }
        ArrayNode add = JSON.createArrayNode();
        add.add(admin(token, "GET", base + "/roles/" + role, null));
        admin(token, "POST", userRoles, add);
        return id;
    }

    /** An access token for a user of the realm, by the password grant of {@value #CLI_CLIENT}. */
    public String passwordToken(String username, String password) {
        return token(REALM, CLI_CLIENT, username, password);
    }

    /** An access token of the bootstrap admin (master realm, {@code admin-cli}): for the admin API. */
    public String adminToken() {
        return token("master", "admin-cli", ADMIN, adminPassword);
    }

    private String token(String realm, String client, String username, String password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", client);
        form.put("username", username);
        form.put("password", password);
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response =
                send(HttpRequest.newBuilder(URI.create(url() + "/realms/" + realm + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)));
        if (response.statusCode() != 200) {
            // the body names the error (invalid_grant ...), never a secret
            throw new StackException("Keycloak refused a token for " + username + " in realm " + realm + ": HTTP "
                    + response.statusCode() + " " + response.body());
        }
        try {
            return JSON.readTree(response.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode admin(String token, String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        try {
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = send(request);
            if (response.statusCode() / 100 != 2) {
                throw new StackException("Keycloak admin API: " + method + " " + path + " answered HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak at " + url() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while talking to Keycloak");
        }
    }

    /** SIGTERM to the watchdog, kc.sh and Keycloak's JVM, up to 20 s grace, then SIGKILL. */
    void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>();
        family.add(p.toHandle());
        p.descendants().forEach(family::add);
        family.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle h : family) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    h.onExit().get(left, TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // timed out or interrupted: forced below
            }
        }
        family.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** 24 random characters of [A-Za-z0-9]. */
    static String secret() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            s.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return s.toString();
    }
}
