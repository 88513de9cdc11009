package io.chatprivacy.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chatprivacy.stack.DemoCredentials;
import io.chatprivacy.stack.Service;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A hostile client against every operation of the four services' OpenAPI documents: bodies that
 * are truncated, wrongly typed, oversized, deeply nested, or carry control characters, bidi
 * overrides and invisible-only values in every string field; query values of the same kind; and
 * calls without credentials or with another account's token. Asserts no 5xx, every error an
 * {@code application/problem+json} without class names or stack traces, and no row written by a
 * refused call.
 */
@Order(90)
class ApiFuzzIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Values a string field must never turn into a 5xx; the naming ones must be refused. */
    private static final List<String> HOSTILE_STRINGS = List.of(
            "Del\u0000ete",
            "Del\u001b[2Jete",
            "Del\u0007ete",
            "Del\u007fete",
            "Del\u0085ete",
            "\u202e",
            "\u200b",
            "Del\ud800ete",
            "x".repeat(70_000));

    private static final List<String> HOSTILE_QUERY_VALUES =
            List.of("a\u0000b", "a\u001bb", "\u202e", "\u200b", "x".repeat(5_000));

    /** Exception class names, stack frames: what an error body must never show. */
    private static final Pattern LEAK = Pattern.compile(
            "(Exception\\b|\\bat [a-z]+\\.[a-z]+\\.|\\b(java|javax|jakarta|io\\.quarkus|io\\.vertx|com\\.fasterxml"
                    + "|org\\.hibernate|org\\.postgresql|io\\.chatprivacy)\\.[a-zA-Z])");

    private static final int OVERSIZED_BYTES = 11 * 1024 * 1024;

    private static RunningSystem system;
    private static DemoCredentials demo;
    private static String otherAccountId;
    private static String otherOwnerToken;

    private final List<String> failures = new ArrayList<>();
    private int calls;

    @BeforeAll
    static void start() {
        system = RunningSystem.get();
        demo = system.demo();
        RunningSystem.Response other = system.call(
                "POST",
                Service.REQUEST,
                "/accounts",
                system.stack().jwt().adminToken(),
                Map.of("name", "Fuzz Other", "ownerEmail", "owner@fuzz-other.example", "allowedOrigins", List.of()));
        assertThat(other.status()).as(other.body()).isEqualTo(201);
        otherAccountId = other.json().get("accountId").asText();
        otherOwnerToken = system.stack().jwt().ownerToken("fuzz-other-owner", otherAccountId);
        // the other services learn of the new account from account-events
        await().atMost(Duration.ofSeconds(60))
                .until(() -> system.call(
                                        "GET",
                                        Service.DELETION,
                                        "/accounts/" + otherAccountId + "/chats",
                                        system.stack().jwt().platformToken("fuzz", otherAccountId),
                                        null)
                                .status()
                        < 500);
        for (Service service : Service.values()) {
            Rows.settle(service);
        }
    }

    @Test
    void everyOperationRefusesHostileInputWithAProblemAndWritesNothing() {
        Map<Service, Integer> operationsPerService = new LinkedHashMap<>();
        long started = System.nanoTime();
        for (Service service : Service.values()) {
            JsonNode openApi = system.call("GET", service, "/q/openapi?format=json", null, null)
                    .json();
            int operations = 0;
            for (Iterator<Map.Entry<String, JsonNode>> paths =
                            openApi.path("paths").fields();
                    paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> methods =
                                path.getValue().fields();
                        methods.hasNext(); ) {
                    Map.Entry<String, JsonNode> method = methods.next();
                    if (!List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                        continue;
                    }
                    operations++;
                    fuzz(service, openApi, path.getKey(), method.getKey().toUpperCase(), method.getValue());
                }
            }
            operationsPerService.put(service, operations);
        }
        long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        int total = operationsPerService.values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        System.out.printf(
                "API fuzz: %d operations %s, %d calls in %d s, %d failures%n",
                total, operationsPerService, calls, seconds, failures.size());
        failures.forEach(f -> System.out.println("  " + f));
        assertThat(total).as("operations found in the OpenAPI documents").isGreaterThanOrEqualTo(40);
        operationsPerService.forEach(
                (service, count) -> assertThat(count).as(service.module()).isPositive());
        assertThat(failures).isEmpty();
    }

    private void fuzz(Service service, JsonNode openApi, String template, String method, JsonNode operation) {
        String op = service.module() + " " + method + " " + template;
        List<JsonNode> parameters = parameters(openApi, operation);
        JsonNode bodySchema = operation
                .path("requestBody")
                .path("content")
                .path("application/json")
                .path("schema");
        boolean hasBody = !bodySchema.isMissingNode();

        String ownPath = expand(template, parameters, demo.accountId());
        Map<String, String> credential = credentialFor(service, method, ownPath, hasBody);

        Rows before = Rows.count(service);
        // the probe that found the credential may itself have been taken (an operation without a body, e.g. "run
        // the opt-out self-test now", ignores the probe's "{"): work it started may still be writing, so the
        // operation counts as accepted (its rows are then let settle, not checked). A read's probe changes nothing.
        boolean anyAccepted = probeAccepted && !"GET".equals(method);

        // without credentials: refused before anything is read
        if (!credential.isEmpty()) {
            Answer anonymous =
                    send(op + " [no credentials]", service, method, ownPath, Map.of(), "{", "application/json");
            if (anonymous.status() != 401) {
                failures.add(op + " without credentials answered " + anonymous.status() + " instead of 401");
            }
        }
        // another account's token on this account's path
        if (template.contains("{accountId}") && credential.containsKey("Authorization")) {
            Answer foreign = send(
                    op + " [other account]",
                    service,
                    method,
                    ownPath,
                    Map.of("Authorization", "Bearer " + otherOwnerToken),
                    hasBody ? "{" : null,
                    "application/json");
            if (foreign.status() != 403) {
                failures.add(op + " with another account's token answered " + foreign.status() + " instead of 403");
            }
        }

        // hostile query values
        for (JsonNode parameter : parameters) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            for (String value : HOSTILE_QUERY_VALUES) {
                String query = parameter.path("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                String target = ownPath + (ownPath.contains("?") ? "&" : "?") + query;
                Answer answer = send(
                        op + " [query " + query.substring(0, Math.min(40, query.length())) + "]",
                        service,
                        method,
                        target,
                        credential,
                        hasBody ? "{" : null,
                        "application/json");
                anyAccepted |= answer.accepted();
            }
        }

        // hostile path values (ids of other shapes)
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            if (!"path".equals(parameter.path("in").asText()) || "accountId".equals(name)) {
                continue;
            }
            for (String value : List.of("a\u0000b", "\u202e", "x".repeat(3_000), "..%2F..")) {
                String target = ownPath.replace(
                        pathValue(parameter),
                        URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
                Answer answer = send(
                        op + " [path " + name + "]",
                        service,
                        method,
                        target,
                        credential,
                        hasBody ? "{" : null,
                        "application/json");
                anyAccepted |= answer.accepted();
            }
        }

        if (hasBody) {
            List<JsonNode> baselines = baselines(sample(openApi, bodySchema, 0), openApi, bodySchema);
            JsonNode valid = baselines.get(0);
            String json = valid.toString();
            List<Variant> variants = new ArrayList<>();
            variants.add(new Variant(
                    "truncated", json.substring(0, Math.max(1, json.length() / 2)), "application/json"));
            variants.add(new Variant("empty", "", "application/json"));
            variants.add(new Variant("top-level array", "[" + json + "]", "application/json"));
            variants.add(new Variant("scalar", "42", "application/json"));
            variants.add(new Variant("deeply nested", "[".repeat(100_000) + "]".repeat(100_000), "application/json"));
            variants.add(new Variant(
                    "deeply nested object", "{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000), "application/json"));

            variants.add(new Variant("text/plain", json, "text/plain"));
            variants.add(new Variant("xml", "<a/>", "application/xml"));
            for (String pointer : leaves(valid, "")) {
                for (JsonNode wrong : wrongTypes(valid.at(pointer))) {
                    variants.add(new Variant(
                            "wrong type at " + pointer,
                            replaced(valid, pointer, wrong).toString(),
                            "application/json"));
                }
            }
            // control characters and invisible values in every string field, of every kind of body
            for (JsonNode baseline : baselines) {
                for (String pointer : leaves(baseline, "")) {
                    JsonNode leaf = baseline.at(pointer);
                    if (!leaf.isTextual()
                            || baseline != valid && !baseline.at(pointer).equals(valid.at(pointer))) {
                        continue;
                    }
                    for (String hostile : HOSTILE_STRINGS) {
                        variants.add(new Variant(
                                "hostile string at " + pointer + " (" + describe(hostile) + ")",
                                replaced(baseline, pointer, NODES.textNode(hostile))
                                        .toString(),
                                "application/json"));
                    }
                }
            }
            calls++;
            try {
                check(op + " [oversized]", system.oversized(service, ownPath, credential, OVERSIZED_BYTES));
            } catch (RuntimeException e) {
                failures.add(op + " [oversized]: no answer (" + e.getMessage() + ")");
            }
            for (Variant variant : variants) {
                Answer answer = send(
                        op + " [" + variant.name() + "]",
                        service,
                        method,
                        ownPath,
                        credential,
                        variant.body(),
                        variant.contentType());
                anyAccepted |= answer.accepted();
            }
        }

        Rows after = Rows.count(service);
        if (!anyAccepted) {
            Optional<String> written = before.difference(after);
            written.ifPresent(w -> failures.add(op + ": refused calls changed rows: " + w));
        } else {
            // something hostile-looking was accepted (free text keeps what people typed); let its
            // events settle so that the next operation's row count is not disturbed
            Rows.settle(service);
        }
    }

    /** Finds the credential this operation takes: the first one that is neither 401 nor 403. */
    /** Whether the last {@link #credentialFor} probe was taken (2xx). */
    private boolean probeAccepted;

    private Map<String, String> credentialFor(Service service, String method, String path, boolean hasBody) {
        probeAccepted = false;
        List<Map<String, String>> candidates = List.of(
                Map.of("Authorization", "Bearer " + demo.ownerToken()),
                Map.of("Authorization", "Bearer " + demo.agentToken()),
                Map.of("Authorization", "Bearer " + demo.platformToken()),
                Map.of("Authorization", "Bearer " + system.stack().jwt().adminToken()),
                Map.of("X-Widget-Key", demo.widgetKey()));
        // an unparseable body (or a GET) cannot change anything, whatever the credential
        Answer open = send("probe", service, method, path, Map.of(), hasBody ? "{" : null, "application/json");
        if (open.status() != 401 && open.status() != 403) {
            return Map.of();
        }
        for (Map<String, String> candidate : candidates) {
            Answer answer = send("probe", service, method, path, candidate, hasBody ? "{" : null, "application/json");
            if (answer.status() != 401 && answer.status() != 403) {
                probeAccepted = answer.accepted();
                return candidate;
            }
        }
        // no token or key gets past it: its credential is in the body (a Data Rights Protocol pairing is signed), so
        // no account's token is what it checks and none can be refused as another account's; without credentials it
        // must still be a 401, and the hostile values below go to it unauthenticated
        if (open.status() != 401) {
            failures.add(service.module() + " " + method + " " + path + " without credentials answered " + open.status()
                    + " instead of 401");
        }
        return Map.of();
    }

    private Answer send(
            String label,
            Service service,
            String method,
            String path,
            Map<String, String> headers,
            String body,
            String contentType) {
        calls++;
        Map<String, String> all = new LinkedHashMap<>(headers);
        RunningSystem.Response response;
        try {
            response = system.raw(method, service, path, all, body, contentType);
        } catch (RuntimeException e) {
            failures.add(label + ": no answer (" + e.getMessage() + ")");
            return new Answer(0);
        }
        check(label, response);
        return new Answer(response.status());
    }

    private void check(String label, RunningSystem.Response response) {
        int status = response.status();
        if (status >= 500) {
            failures.add(label + ": " + status + " " + abbreviate(response.body()));
        } else if (status >= 400) {
            if (!response.contentType().startsWith("application/problem+json")) {
                failures.add(label + ": " + status + " with Content-Type '" + response.contentType() + "' "
                        + abbreviate(response.body()));
            } else {
                try {
                    JsonNode problem = response.json();
                    if (problem.path("status").asInt() != status
                            || problem.path("title").asText().isEmpty()) {
                        failures.add(label + ": problem without status/title " + abbreviate(response.body()));
                    }
                } catch (RuntimeException e) {
                    failures.add(label + ": " + status + " problem is not JSON " + abbreviate(response.body()));
                }
                if (LEAK.matcher(response.body()).find()) {
                    failures.add(label + ": error body names code " + abbreviate(response.body()));
                }
            }
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static String describe(String hostile) {
        if (hostile.length() > 20) {
            return hostile.length() + " chars";
        }
        StringBuilder s = new StringBuilder();
        hostile.chars().forEach(c -> s.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : (char) c));
        return s.toString();
    }

    private static List<JsonNode> parameters(JsonNode openApi, JsonNode operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.path("parameters").forEach(p -> parameters.add(resolve(openApi, p)));
        return parameters;
    }

    private static String expand(String template, List<JsonNode> parameters, String accountId) {
        String path = template.replace("{accountId}", accountId);
        for (JsonNode parameter : parameters) {
            if ("path".equals(parameter.path("in").asText())) {
                path = path.replace("{" + parameter.path("name").asText() + "}", pathValue(parameter));
            }
        }
        return path.replaceAll("\\{[^}]+}", "x1");
    }

    private static String pathValue(JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        if ("uuid".equals(schema.path("format").asText())) {
            return "00000000-0000-4000-8000-00000000f022";
        }
        if ("integer".equals(schema.path("type").asText())) {
            return "7";
        }
        return "f022-" + parameter.path("name").asText();
    }

    private static JsonNode resolve(JsonNode openApi, JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = openApi.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    /** A plausible value of this schema: what a careless but well-meaning client would send. */
    private static JsonNode sample(JsonNode openApi, JsonNode schemaOrRef, int depth) {
        JsonNode schema = resolve(openApi, schemaOrRef);
        if (schema.has("allOf")) {
            return sample(openApi, schema.get("allOf").get(0), depth);
        }
        if (schema.has("oneOf") || schema.has("anyOf")) {
            return sample(openApi, (schema.has("oneOf") ? schema.get("oneOf") : schema.get("anyOf")).get(0), depth);
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        String type = schema.path("type").isArray()
                ? schema.path("type").get(0).asText()
                : schema.path("type").asText(schema.has("properties") ? "object" : "string");
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 6) {
                    schema.path("properties")
                            .fields()
                            .forEachRemaining(e -> object.set(e.getKey(), sample(openApi, e.getValue(), depth + 1)));
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 6) {
                    array.add(sample(openApi, schema.path("items"), depth + 1));
                }
                yield array;
            }
            case "integer" -> NODES.numberNode(1);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(false);
            default ->
                NODES.textNode(
                        switch (schema.path("format").asText()) {
                            case "email" -> "fuzz@example.com";
                            case "uuid" -> UUID.randomUUID().toString();
                            case "date-time" -> Instant.now().toString();
                            case "date" -> "2026-01-01";
                            case "uri" -> "https://example.com/x";
                            default -> "fuzz";
                        });
        };
    }

    /**
     * The sample, and one more per value of each top-level enum field (a rights request of every
     * type, say), so that the fields only one kind of body reads are reached too. A baseline's own
     * enum value is not fuzzed again: the sample already was.
     */
    private static List<JsonNode> baselines(JsonNode valid, JsonNode openApi, JsonNode bodySchema) {
        List<JsonNode> baselines = new ArrayList<>();
        baselines.add(valid);
        JsonNode schema = resolve(openApi, bodySchema);
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode values = resolve(openApi, property.getValue()).path("enum");
            for (int i = 1; i < values.size() && i < 8; i++) {
                baselines.add(replaced(valid, "/" + property.getKey(), values.get(i)));
            }
        });
        return baselines;
    }

    /** JSON pointers of every leaf (scalars, empty containers) and every container below the root. */
    private static List<String> leaves(JsonNode node, String pointer) {
        List<String> out = new ArrayList<>();
        if (!pointer.isEmpty()) {
            out.add(pointer);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.addAll(leaves(e.getValue(), pointer + "/" + e.getKey())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(leaves(node.get(i), pointer + "/" + i));
            }
        }
        return out;
    }

    private static List<JsonNode> wrongTypes(JsonNode leaf) {
        List<JsonNode> wrong = new ArrayList<>();
        if (!leaf.isArray()) {
            wrong.add(NODES.arrayNode().add("Delete"));
        }
        if (!leaf.isObject()) {
            wrong.add(NODES.objectNode().put("a", 1));
        }
        if (leaf.isTextual() || leaf.isContainerNode()) {
            wrong.add(NODES.numberNode(12));
        } else {
            wrong.add(NODES.textNode("twelve"));
        }
        return wrong;
    }

    private static JsonNode replaced(JsonNode root, String pointer, JsonNode value) {
        JsonNode copy = root.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.set(last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), value);
        }
        return copy;
    }

    private record Variant(String name, String body, String contentType) {}

    private record Answer(int status) {
        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * Row counts of a service's own tables. The outbox, the inbox of processed events and Flyway's
     * history are left out: they move with background work (relaying, retention), not with a call.
     */
    private record Rows(Map<String, Long> counts) {

        private static final Pattern PLUMBING = Pattern.compile("flyway_schema_history|outbox.*|processed_.*|inbox.*");

        static Rows count(Service service) {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Connection db = DriverManager.getConnection(
                            system.stack().jdbcUrl(service),
                            system.stack().dbUser(),
                            system.stack().dbPassword());
                    Statement statement = db.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery(
                        "select quote_ident(table_schema) || '.' || quote_ident(table_name) from information_schema.tables"
                                + " where table_type = 'BASE TABLE'"
                                + " and table_schema not in ('pg_catalog', 'information_schema')"
                                + " order by 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                for (String table : tables) {
                    String bare = table.substring(table.indexOf('.') + 1).replace("\"", "");
                    if (PLUMBING.matcher(bare).matches()) {
                        continue;
                    }
                    try (ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
                        rs.next();
                        counts.put(table, rs.getLong(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot count rows of " + service.database(), e);
            }
            return new Rows(counts);
        }

        /**
         * Waits until a service's row counts stop moving and no work it accepted is still running: an opt-out
         * self-test (202) writes its synthetic visitor's ledger rows over seconds, with pauses longer than a poll
         * while it waits for request-service, so stable counts alone do not mean it is done.
         */
        static void settle(Service service) {
            Rows[] last = {count(service)};
            await().pollDelay(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(90))
                    .until(() -> {
                        Rows now = count(service);
                        boolean same = now.equals(last[0]);
                        last[0] = now;
                        return same && runningSelfTests(service, now) == 0;
                    });
        }

        /** Opt-out self-tests still running in the service's database (none where there is no such table). */
        private static long runningSelfTests(Service service, Rows rows) throws SQLException {
            if (!rows.counts.containsKey("public.opt_out_self_test")) {
                return 0;
            }
            try (Connection db = DriverManager.getConnection(
                            system.stack().jdbcUrl(service),
                            system.stack().dbUser(),
                            system.stack().dbPassword());
                    Statement statement = db.createStatement();
                    ResultSet rs = statement.executeQuery(
                            "select count(*) from opt_out_self_test where outcome = 'RUNNING'")) {
                rs.next();
                return rs.getLong(1);
            }
        }

        Optional<String> difference(Rows after) {
            List<String> changed = new ArrayList<>();
            after.counts.forEach((table, count) -> {
                Long was = counts.get(table);
                if (!count.equals(was)) {
                    changed.add(table + " " + was + " -> " + count);
                }
            });
            return changed.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", changed));
        }
    }
}
