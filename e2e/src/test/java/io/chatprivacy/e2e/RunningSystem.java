package io.chatprivacy.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import io.chatprivacy.stack.Stack;
import io.chatprivacy.stack.StackConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The whole system for the end-to-end tests: the four packaged services started by the local
 * stack's own launcher (on random ports, with a data folder under {@code target/}), once per test
 * JVM. Tests reach it only as users would: HTTP, Kafka and the SMTP server's mailboxes.
 */
final class RunningSystem {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Chats per purge transaction in every end-to-end system (production: 5,000): a purge of a few thousand chats is
     * many transactions, so that {@link FaultsIT}'s kill -9 finds one in the middle.
     */
    static final int PURGE_CHUNK = 250;

    private static Stack stack;

    /** The stack this instance talks to: the shared one, or a test's own ({@link #of}). */
    private final Stack system;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Plain HTTP/1.1 as a hostile client speaks it: no upgrade to HTTP/2 that would hide the server's answer. */
    private final HttpClient http11 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private RunningSystem(Stack system) {
        this.system = system;
    }

    /** The same calls against a stack of a test's own (one that injects faults must not share the system). */
    static RunningSystem of(Stack own) {
        return new RunningSystem(own);
    }

    /**
     * The settings every end-to-end stack gets: random ports, a data folder under {@code e2e/target} named {@code
     * prefix-<random>}, and service settings that make waits short.
     */
    static StackConfig.Builder config(String prefix) {
        Path home =
                Path.of(System.getProperty("stack.home", "..")).toAbsolutePath().normalize();
        return StackConfig.builder(home)
                .dataDir(home.resolve("e2e/target/" + prefix + "-" + UUID.randomUUID()))
                .randomPorts()
                .readyTimeout(Duration.ofMinutes(3))
                // retry mail quickly once the SMTP server is back (production backs off up to a minute)
                .serviceEnv("NOTIFICATION_DISPATCH_MAX_BACKOFF", "2s")
                // a new verification code after a lock without waiting the production minute
                .serviceEnv("DELETION_VERIFICATION_RESEND_INTERVAL", "PT2S")
                // look for request records past their 24 months every 2 s rather than every 6 h
                // look for requests near or past their due date every 2 s rather than every 15 min
                .serviceEnv("REQUEST_DEADLINE_SWEEP_EVERY", "2s")
                .serviceEnv("REQUEST_DEADLINE_SWEEP_DELAYED", "1s")
                .serviceEnv("REQUEST_RETENTION_SWEEP_EVERY", "2s")
                .serviceEnv("REQUEST_RETENTION_SWEEP_DELAYED", "1s")
                // every call of these tests comes from one address (ApiFuzzIT alone sends thousands)
                .serviceEnv("CONSENT_RATE_LIMIT_PER_IP", "100000")
                .serviceEnv("CONSENT_RATE_LIMIT_PER_IP_BURST", "100000")
                .serviceEnv("CONSENT_RATE_LIMIT_PER_ACCOUNT", "100000")
                .serviceEnv("CONSENT_RATE_LIMIT_PER_ACCOUNT_BURST", "100000")
                .serviceEnv("DELETION_PURGE_CHUNK_SIZE", String.valueOf(PURGE_CHUNK))
                // no scheduled opt-out self-test in the middle of other tests' counts: OptOutSelfTestIT runs it
                .serviceEnv("CONSENT_SELF_TEST_EVERY", "off");
    }

    /** The running system, started on first use. */
    static synchronized RunningSystem get() {
        if (stack == null) {
            StackConfig config = config("system").build();
            stack = Stack.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(RunningSystem::stop));
        }
        return new RunningSystem(stack);
    }

    /** Stops everything; the next {@link #get()} starts a fresh system. */
    static synchronized void stop() {
        if (stack != null) {
            stack.close();
            stack = null;
        }
    }

    Stack stack() {
        return system;
    }

    DemoCredentials demo() {
        return system.demoCredentials().orElseThrow(() -> new IllegalStateException("no demo account"));
    }

    /** A demo-account rights request's status as request-service shows it to an agent; null if it cannot. */
    String requestStatus(String requestId) {
        Response response = call(
                "GET",
                Service.REQUEST,
                "/accounts/" + demo().accountId() + "/rights-requests/" + requestId,
                demo().agentToken(),
                null);
        return response.status() == 200 ? response.json().get("status").asText() : null;
    }

    String url(Service service, String path) {
        return system.serviceUrl(service) + path;
    }

    /** A JSON call; {@code token} and {@code body} may be null. */
    Response call(String method, Service service, String path, String token, Object body) {
        return callWithHeaders(
                method, service, path, token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), body);
    }

    /** A JSON call with these headers; {@code body} may be null. */
    Response callWithHeaders(String method, Service service, String path, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json, application/problem+json");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String json = body instanceof String s ? s : JSON.writeValueAsString(body);
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A call exactly as given: any method, headers, body text (sent as UTF-8; lone surrogates are sent as
     * JSON escapes, which is how a hostile client gets them past an encoder) and Content-Type; a null
     * body sends none and no Content-Type.
     */
    Response raw(
            String method, Service service, String path, Map<String, String> headers, String body, String contentType) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(service, path)))
                    .timeout(Duration.ofSeconds(60))
                    .header("Accept", "application/json, application/problem+json");
            headers.forEach(request::header);
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                StringBuilder escaped = new StringBuilder(body.length());
                for (int i = 0; i < body.length(); i++) {
                    char c = body.charAt(i);
                    boolean paired = Character.isHighSurrogate(c)
                                    && i + 1 < body.length()
                                    && Character.isLowSurrogate(body.charAt(i + 1))
                            || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(body.charAt(i - 1));
                    if (Character.isSurrogate(c) && !paired) {
                        escaped.append(String.format("\\u%04x", (int) c));
                    } else {
                        escaped.append(c);
                    }
                }
                request.header("Content-Type", contentType)
                        .method(
                                method,
                                HttpRequest.BodyPublishers.ofString(escaped.toString(), StandardCharsets.UTF_8));
            }
            HttpResponse<String> response = http11.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A POST of {@code bytes} bytes of JSON over a plain socket, as a client that ignores the size limit
     * would send it: the headers first, then, unless the server has answered by then, the body. A server
     * may answer and close before the body is read, which a higher-level client reports as a broken pipe
     * instead of the answer.
     */
    Response oversized(Service service, String path, Map<String, String> headers, int bytes) {
        URI uri = URI.create(url(service, path));
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ")
                    .append(uri.getHost())
                    .append(':')
                    .append(uri.getPort())
                    .append("\r\n")
                    .append("Content-Type: application/json\r\n")
                    .append("Accept: application/json, application/problem+json\r\n")
                    .append("Content-Length: ")
                    .append(bytes)
                    .append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) ->
                    head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            var out = socket.getOutputStream();
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(3_000);
            in.mark(1);
            boolean answered;
            try {
                answered = in.read() != -1;
                in.reset();
            } catch (java.net.SocketTimeoutException e) {
                answered = false;
            }
            if (!answered) {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) ' ');
                try {
                    for (int sent = 0; sent < bytes; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, bytes - sent));
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server stopped reading: its answer, if any, is waiting below
                }
            }
            socket.setSoTimeout(60_000);
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || headEnd < 0) {
                throw new IOException("no HTTP answer: " + answer.substring(0, Math.min(200, answer.length())));
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            String contentType = "";
            for (String line : answer.substring(0, headEnd).split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            String body = answer.substring(headEnd + 4);
            if (answer.substring(0, headEnd)
                    .toLowerCase(java.util.Locale.ROOT)
                    .contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Response(status, contentType, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(
                    chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
    }

    /**
     * Archives chats or tickets in deletion-service as the chat platform does ({@code path} is
     * {@code chat-batches} or {@code ticket-batches}, {@code field} {@code chats} or {@code tickets}), in
     * batches of 500. Ingest is idempotent, so a batch is repeated until deletion-service knows the account.
     */
    void ingest(String accountId, String token, String path, String field, List<Map<String, Object>> items) {
        for (int from = 0; from < items.size(); from += 500) {
            List<Map<String, Object>> batch = items.subList(from, Math.min(from + 500, items.size()));
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                int status = call(
                                "POST",
                                Service.DELETION,
                                "/accounts/" + accountId + "/" + path,
                                token,
                                Map.of(field, batch))
                        .status();
                return status == 200 || status == 201;
            });
        }
    }

    /** A GET on a service's management interface (health, metrics), with no Accept preference. */
    Response management(Service service, String path) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(system.managementUrl(service) + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every record on a topic so far, read from the beginning with a throw-away consumer group. */
    List<ConsumerRecord<String, String>> readTopic(String topic, Duration pollFor) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + pollFor.toNanos();
            while (System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** An HTTP answer. */
    record Response(int status, String contentType, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }
}
