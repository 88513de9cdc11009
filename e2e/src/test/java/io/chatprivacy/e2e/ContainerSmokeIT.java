package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.Ports;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import io.chatprivacy.stack.StackConfig;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The four images (built by the images module) run as the Kubernetes manifests run them: the rendered Deployments'
 * environment, with their ConfigMap and a test Secret, their user, read-only root with an in-memory {@code /tmp},
 * no capabilities, no privilege escalation and their memory limit, under podman. Readiness on the management port,
 * then a deletion by tag end to end through the containers: chats ingested, the request opened, the code read from
 * the SMTP server and presented, the purge, the receipt and the confirmation mail.
 *
 * <p>Kafka, PostgreSQL and SMTP are the local stack's (plaintext, on loopback), so the containers share the host's
 * network; that is the one deliberate difference from a cluster, and it is why each container gets its own HTTP and
 * management ports instead of 8080 and 9000, and why cluster addresses ({@code http://deletion-service:8080}) point
 * at loopback.
 */
@Order(0)
class ContainerSmokeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern CODE = Pattern.compile("Your verification code: (\\d{8,18})");
    private static final Pattern CLUSTER_URL =
            Pattern.compile("http://(consent|request|deletion|notification)-service(\\.[a-z0-9.-]+)?(:\\d+)?");
    private static final String OWNER = "owner@containers.example";
    private static final String TAG = "Delete";
    private static final String JWT_KEY_IN_CONTAINER = "/run/chat-privacy/jwt/public.pem";

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final Map<Service, Integer> httpPorts = new EnumMap<>(Service.class);
    private static final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private static final Map<Service, String> containers = new EnumMap<>(Service.class);
    private static final List<String> images = new ArrayList<>();
    private static final StringBuilder report = new StringBuilder();
    private static final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static Path home;
    private static Path work;
    private static String containersConf;
    private static Stack stack;
    private static long startedAt;

    @BeforeAll
    static void start() throws Exception {
        assumeFalse(Boolean.getBoolean("images.skip"), "images not built (-Dimages.skip)");
        startedAt = System.nanoTime();
        home = Path.of(System.getProperty("stack.home", "..")).toAbsolutePath().normalize();
        work = home.resolve("e2e/target/containers-" + RUN);
        Files.createDirectories(work);
        Runtime.getRuntime().addShutdownHook(new Thread(ContainerSmokeIT::removeContainers));

        // podman and its settings for this machine (installed when missing)
        Exec setup = exec(List.of("bash", home.resolve("images/setup.sh").toString()), Map.of(), 15);
        assertThat(setup.exit()).as("images/setup.sh: " + setup.output()).isZero();
        containersConf = setup.lastLine();

        stack = Stack.start(StackConfig.builder(home)
                .dataDir(work.resolve("stack"))
                .randomPorts()
                .infraOnly()
                .demoAccount(false)
                .oidc(false)
                .build());

        // -Dsmoke.manifests=<kustomization> tries other manifests
        Manifests manifests = Manifests.render(Path.of(System.getProperty(
                "smoke.manifests", home.resolve("deploy/k8s/base").toString())));
        Map<String, Map<String, String>> configMaps = testConfigMaps(manifests.configMaps());
        for (Service service : Service.values()) {
            httpPorts.put(service, Ports.free());
            managementPorts.put(service, Ports.free());
        }
        for (Service service : Service.values()) {
            long t0 = System.nanoTime();
            String image = load(service);
            long loaded = System.nanoTime();
            Manifests.Container container = manifests.container(service.module(), configMaps, testSecret(service));
            String name = "chat-privacy-smoke-" + service.module() + "-" + RUN;
            List<String> run = runCommand(service, container, image, name);
            Exec started = podman(run, 2);
            assertThat(started.exit())
                    .as(String.join(" ", run) + "\n" + started.output())
                    .isZero();
            containers.put(service, name);
            awaitReady(service, name);
            report.append(String.format(
                    "%-21s load %5d ms, ready %6d ms after start%n",
                    service.module(), millis(t0, loaded), millis(loaded, System.nanoTime())));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (work == null) {
            return; // skipped
        }
        try {
            for (Map.Entry<Service, String> c : containers.entrySet()) {
                Files.writeString(
                        work.resolve(c.getKey().module() + ".log"),
                        podman(List.of("logs", c.getValue()), 1).output());
            }
            report.append(String.format("whole test: %d s%n", millis(startedAt, System.nanoTime()) / 1000));
            Files.writeString(work.resolve("report.txt"), report.toString());
            System.out.println("Container smoke test:\n" + report);
        } finally {
            removeContainers();
            for (String image : images) {
                podman(List.of("rmi", "--force", image), 2);
            }
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void eachContainerRunsAsTheManifestSaysWithOnlyTmpWritable() {
        for (Service service : Service.values()) {
            String name = containers.get(service);
            assertThat(podman(List.of("exec", name, "id", "-u"), 1).output().trim())
                    .as(service.module())
                    .isEqualTo("185");
            Exec rootWrite = podman(List.of("exec", name, "touch", "/deployments/written"), 1);
            assertThat(rootWrite.exit())
                    .as(service.module() + " writes its root: " + rootWrite.output())
                    .isNotZero();
            assertThat(podman(List.of("exec", name, "touch", "/tmp/written"), 1).exit())
                    .as(service.module() + " writes /tmp")
                    .isZero();
            for (String probe : List.of("/q/health/started", "/q/health/live", "/q/health/ready")) {
                assertThat(get(managementUrl(service) + probe).statusCode())
                        .as(service.module() + probe)
                        .isEqualTo(200);
            }
            assertThat(get(url(service, "/q/health/ready")).statusCode())
                    .as(service.module() + ": health stays off the public port")
                    .isEqualTo(404);
        }
    }

    @Test
    void aDeletionByTagRunsEndToEndThroughTheContainers() throws Exception {
        String admin = stack.jwt().adminToken();
        JsonNode account = call(
                        "POST",
                        Service.REQUEST,
                        "/accounts",
                        admin,
                        Map.of(
                                "name",
                                "Container Shop",
                                "ownerEmail",
                                OWNER,
                                "allowedOrigins",
                                List.of("https://containers.example")))
                .expect(201);
        String accountId = account.get("accountId").asText();
        String owner = stack.jwt().ownerToken(OWNER, accountId);
        String agent = stack.jwt().agentToken("agent@containers.example", accountId);
        String platform = stack.jwt().platformToken("chat-platform@containers.example", accountId);

        // 20 chats, the first 8 tagged in the archive itself; ingest waits for the account to reach deletion-service
        List<Map<String, Object>> chats = chats(20, 8);
        await().atMost(WAIT).until(() -> {
            int status = call(
                            "POST",
                            Service.DELETION,
                            "/accounts/" + accountId + "/chat-batches",
                            platform,
                            Map.of("chats", chats))
                    .status();
            return status == 200 || status == 201;
        });
        String kept = (String) chats.get(19).get("chatId");
        String tagged = (String) chats.get(0).get("chatId");
        String keptBefore = call("GET", Service.DELETION, "/accounts/" + accountId + "/chats/" + kept, owner, null)
                .expectBody(200);

        // the request opens a deletion job whose code goes to the owner's registered address
        String requestId = await().atMost(WAIT)
                .until(
                        () -> {
                            Reply opened = call(
                                    "POST",
                                    Service.REQUEST,
                                    "/accounts/" + accountId + "/rights-requests",
                                    agent,
                                    Map.of("type", "DELETE", "tag", TAG, "channel", "WEB_FORM"));
                            return opened.status() == 201
                                    ? opened.json().get("requestId").asText()
                                    : null;
                        },
                        id -> id != null);
        MailServer mail = stack.mail().orElseThrow();
        MimeMessage codeMail = await().atMost(WAIT)
                .until(
                        () -> mail.messagesTo(OWNER).stream()
                                .filter(m -> Mails.subject(m).startsWith("Verification code"))
                                .filter(m -> Mails.raw(m).contains(requestId))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        Matcher code = CODE.matcher(Mails.raw(codeMail));
        assertThat(code.find()).as("a code in the mail").isTrue();

        Reply accepted = call(
                "POST",
                Service.DELETION,
                "/accounts/" + accountId + "/deletion-requests/" + requestId + "/verification",
                owner,
                Map.of("code", code.group(1)));
        assertThat(accepted.status()).as(accepted.body()).isIn(200, 202);

        // purged, receipted, confirmed by mail; the untagged chat is untouched
        await().atMost(WAIT).until(() -> {
            Reply request = call(
                    "GET", Service.REQUEST, "/accounts/" + accountId + "/rights-requests/" + requestId, agent, null);
            return request.status() == 200
                    && "COMPLETED".equals(request.json().get("status").asText());
        });
        JsonNode receipt = call(
                        "GET",
                        Service.DELETION,
                        "/accounts/" + accountId + "/deletion-requests/" + requestId + "/receipt",
                        owner,
                        null)
                .expect(200);
        assertThat(receipt.get("chatsDeleted").asInt()).isEqualTo(8);
        MimeMessage confirmation = await().atMost(WAIT)
                .until(
                        () -> mail.messagesTo(OWNER).stream()
                                .filter(m -> Mails.subject(m).startsWith("Deletion completed"))
                                .findFirst()
                                .orElse(null),
                        m -> m != null);
        assertThat(Mails.recipients(confirmation)).containsExactly(OWNER);
        assertThat(call("GET", Service.DELETION, "/accounts/" + accountId + "/chats/" + tagged, owner, null)
                        .status())
                .isEqualTo(404);
        assertThat(call("GET", Service.DELETION, "/accounts/" + accountId + "/chats/" + kept, owner, null)
                        .expectBody(200))
                .isEqualTo(keptBefore);

        for (Service service : Service.values()) {
            report.append(String.format(
                    "%-21s RSS %4d MB after the scenario%n", service.module(), rssMegabytes(containers.get(service))));
        }
    }

    // ------------------------------------------------------------------ the containers

    /** Loads the service's image tar into podman; returns the name podman gave it. */
    private static String load(Service service) {
        Path tar = home.resolve("images/target/" + service.module() + ".tar");
        assertThat(tar).as("the image (./mvnw package builds it in images/)").exists();
        Exec loaded = podman(List.of("load", "--input", tar.toString()), 5);
        assertThat(loaded.exit()).as(loaded.output()).isZero();
        Matcher name = Pattern.compile("Loaded image(?:\\(s\\))?: *(\\S+)").matcher(loaded.output());
        assertThat(name.find()).as(loaded.output()).isTrue();
        images.add(name.group(1));
        return name.group(1);
    }

    /** {@code podman run} as a kubelet would start the Deployment's container (on the host's network). */
    private static List<String> runCommand(Service service, Manifests.Container container, String image, String name) {
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network", "host"));
        assertThat(container.uid()).as("runAsUser").isPositive();
        assertThat(container.runAsNonRoot()).as("runAsNonRoot").isTrue();
        run.addAll(List.of("--user", container.uid() + ":" + container.gid()));
        if (container.readOnlyRootFilesystem()) {
            // and no tmpfs of podman's own on /run, /var/tmp: only the manifest's volumes are writable
            run.addAll(List.of("--read-only", "--read-only-tmpfs=false"));
        }
        container
                .emptyDirs()
                .forEach((path, size) -> run.addAll(
                        List.of("--tmpfs", path + ":rw,mode=1777" + (size.isEmpty() ? "" : ",size=" + size))));
        container.capDrop().forEach(c -> run.addAll(List.of("--cap-drop", c)));
        container.capAdd().forEach(c -> run.addAll(List.of("--cap-add", c)));
        if (container.noNewPrivileges()) {
            run.addAll(List.of("--security-opt", "no-new-privileges"));
        }
        if (container.memoryLimitBytes() > 0) {
            run.addAll(List.of("--memory", container.memoryLimitBytes() + "b"));
        }
        run.addAll(List.of("--volume", stack.jwt().publicKeyPath() + ":" + JWT_KEY_IN_CONTAINER + ":ro"));
        for (Manifests.FileMount mount : container.fileMounts()) {
            run.addAll(List.of("--volume", testFiles(service, mount) + ":" + mount.mountPath() + ":ro"));
        }
        Map<String, String> env = new LinkedHashMap<>(container.env());
        // host network: each container needs ports of its own
        env.put("HTTP_PORT", String.valueOf(httpPorts.get(service)));
        env.put("MANAGEMENT_PORT", String.valueOf(managementPorts.get(service)));
        env.replaceAll((k, v) -> clusterToLoopback(v));
        // the test's broker is plaintext: whatever SASL/TLS the manifests configure is not used here
        env.computeIfPresent("KAFKA_SECURITY_PROTOCOL", (k, v) -> "PLAINTEXT");
        env.keySet().removeIf(k -> k.startsWith("KAFKA_SASL_") || k.startsWith("KAFKA_SSL_"));
        Path envFile = work.resolve(service.module() + ".env");
        env.forEach((k, v) -> run.addAll(List.of("--env", k + "=" + v)));
        try {
            StringBuilder lines = new StringBuilder();
            env.keySet().forEach(k -> lines.append(k).append('\n'));
            Files.writeString(envFile, lines.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report.append(String.format(
                "%-21s --user %d:%d --memory %d MiB, env %s%n",
                service.module(), container.uid(), container.gid(), container.memoryLimitBytes() >> 20, env.keySet()));
        run.add(image);
        return run;
    }

    /** The rendered ConfigMaps with this test's servers (Kafka plaintext: no SASL or TLS settings). */
    private static Map<String, Map<String, String>> testConfigMaps(Map<String, Map<String, String>> rendered) {
        Map<String, Map<String, String>> maps = new LinkedHashMap<>();
        rendered.forEach((name, data) -> {
            Map<String, String> d = new LinkedHashMap<>(data);
            d.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
            d.keySet().removeIf(k -> k.startsWith("kafka.") && (k.contains("sasl") || k.contains("ssl")));
            d.computeIfPresent("kafka.security.protocol", (k, v) -> "PLAINTEXT");
            d.put("jwt.publickey.location", JWT_KEY_IN_CONTAINER);
            d.put("jwt.issuer", stack.jwt().issuer());
            d.remove("oidc.issuer");
            d.put("smtp.host", "localhost");
            d.put("smtp.port", String.valueOf(stack.smtpPort()));
            d.put("smtp.start-tls", "DISABLED");
            d.put("mail.from", Stack.MAIL_FROM);
            d.put("deletion-service.public-url", "http://localhost:" + httpPorts.get(Service.DELETION));
            d.put("ingress.trusted-proxies", "127.0.0.1/32");
            maps.put(name, d);
        });
        return maps;
    }

    /**
     * The test's Secrets: what the local stack's launcher gives the service under the same variable (database,
     * vault and transport keys), nothing for credentials the test's servers do not ask for (SMTP, Kafka).
     */
    private static Manifests.Secrets testSecret(Service service) {
        Map<String, String> launcher = stack.serviceEnvironment(service);
        return (secret, key, variable) -> {
            String value = launcher.get(variable);
            if (value != null) {
                return value;
            }
            if (variable.startsWith("SMTP_") || variable.startsWith("KAFKA_")) {
                return "";
            }
            throw new IllegalStateException(
                    service.module() + ": no test value for Secret " + secret + "/" + key + " (" + variable + ")");
        };
    }

    /**
     * The files of a Secret or ConfigMap volume, in a directory of the test's: the manifests mount CA certificates
     * of the cluster's Kafka and database, which the test's plaintext servers do not use, so each file is there
     * (the container sees the paths it would in a cluster) and empty.
     */
    private static Path testFiles(Service service, Manifests.FileMount mount) {
        Path dir = work.resolve("volumes").resolve(service.module() + mount.mountPath());
        try {
            Files.createDirectories(dir);
            for (String file : mount.files().values()) {
                Path target = dir.resolve(file);
                Files.createDirectories(target.getParent());
                Files.writeString(target, "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        report.append(String.format(
                "%-21s %s %s at %s: empty files %s%n",
                service.module(),
                mount.kind(),
                mount.source(),
                mount.mountPath(),
                mount.files().values()));
        return dir;
    }

    private static String clusterToLoopback(String value) {
        Matcher m = CLUSTER_URL.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Service target = Service.valueOf(m.group(1).toUpperCase(java.util.Locale.ROOT));
            m.appendReplacement(out, "http://localhost:" + httpPorts.get(target));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static void awaitReady(Service service, String name) {
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    Exec state = podman(List.of("inspect", "--format", "{{.State.Running}}", name), 1);
                    if (!state.output().trim().equals("true")) {
                        throw new AssertionError(service.module() + " stopped before it was ready:\n"
                                + podman(List.of("logs", "--tail", "60", name), 1)
                                        .output());
                    }
                    try {
                        HttpResponse<String> ready = get(managementUrl(service) + "/q/health/ready");
                        return ready.statusCode() == 200
                                && "UP"
                                        .equals(JSON.readTree(ready.body())
                                                .path("status")
                                                .asText());
                    } catch (UncheckedIOException e) {
                        return false;
                    }
                });
    }

    private static long rssMegabytes(String name) {
        String pid = podman(List.of("inspect", "--format", "{{.State.Pid}}", name), 1)
                .output()
                .trim();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    private static synchronized void removeContainers() {
        for (String name : new ArrayList<>(containers.values())) {
            podman(List.of("rm", "--force", "--time", "5", name), 1);
            containers.values().remove(name);
        }
    }

    // ------------------------------------------------------------------ HTTP

    private static String url(Service service, String path) {
        return "http://localhost:" + httpPorts.get(service) + path;
    }

    private static String managementUrl(Service service) {
        return "http://localhost:" + managementPorts.get(service);
    }

    private static HttpResponse<String> get(String url) {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Reply call(String method, Service service, String path, String token, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json")
                    .header("Authorization", "Bearer " + token);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        JsonNode expect(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return json();
        }

        String expectBody(int expected) {
            assertThat(status).as(body).isEqualTo(expected);
            return body;
        }
    }

    // ------------------------------------------------------------------ processes

    private record Exec(int exit, String output) {
        String lastLine() {
            String[] lines = output.trim().split("\n");
            return lines[lines.length - 1].trim();
        }
    }

    private static Exec podman(List<String> args, int minutes) {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(args);
        return exec(command, Map.of("CONTAINERS_CONF", containersConf), minutes);
    }

    private static Exec exec(List<String> command, Map<String, String> env, int minutes) {
        try {
            Path out = Files.createTempFile(work, "exec", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " took longer than " + minutes + " min");
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            Files.delete(out);
            return new Exec(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }

    // ------------------------------------------------------------------ test data

    private static List<Map<String, Object>> chats(int count, int taggedCount) {
        List<Map<String, Object>> chats = new ArrayList<>();
        Instant start = Instant.parse("2026-11-01T10:00:00Z");
        for (int i = 0; i < count; i++) {
            Map<String, Object> chat = new HashMap<>();
            String visitor = "visitor-" + RUN + "-" + i;
            chat.put("chatId", "chat-" + RUN + "-" + i);
            chat.put("visitorId", visitor);
            chat.put("visitorEmail", visitor + "@example.com");
            chat.put("visitorName", "Visitor " + i);
            chat.put("agentIds", List.of("agent-1"));
            chat.put("startedAt", start.plusSeconds(i * 60L).toString());
            chat.put("endedAt", start.plusSeconds(i * 60L + 30).toString());
            chat.put(
                    "messages",
                    List.of(Map.of(
                            "authorType",
                            "VISITOR",
                            "authorId",
                            visitor,
                            "text",
                            "message " + RUN + " " + i,
                            "sentAt",
                            start.plusSeconds(i * 60L + 1).toString())));
            chat.put("tags", i < taggedCount ? List.of(TAG) : List.of());
            chats.add(chat);
        }
        return chats;
    }
}
