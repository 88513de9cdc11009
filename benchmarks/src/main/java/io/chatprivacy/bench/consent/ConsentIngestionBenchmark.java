package io.chatprivacy.bench.consent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.bench.Args;
import io.chatprivacy.bench.Credentials;
import io.chatprivacy.bench.ProcessCpu;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Drives consent-service's record-consent endpoint ({@code POST /widget/consents}) of the running
 * local stack with concurrent clients, then checks that the ledger and {@code consent-events} hold
 * exactly the accepted consents, and measures the machine's raw PostgreSQL insert rate as a baseline.
 *
 * <p>Usage: {@code benchmarks/run.sh consent [--clients=64] [--duration=60] [--warmup=10] ...}; see
 * {@code benchmarks/README.md}. Exits with 1 when a target is missed.
 */
public final class ConsentIngestionBenchmark {

    private static final double TARGET_RATE = 2000;
    private static final double TARGET_P99_MS = 100;

    private record Options(
            String url,
            Path credentials,
            int clients,
            double seconds,
            double warmupSeconds,
            String postgres,
            String dbUser,
            String dbPassword,
            String kafka,
            String origin,
            double baselineSeconds,
            String requestUrl,
            String notificationUrl) {

        static Options parse(String[] args) {
            Map<String, String> values = Args.parse(args, USAGE);
            Options options = new Options(
                    values.getOrDefault("url", "http://localhost:8081"),
                    Path.of(values.getOrDefault("credentials", ".data/demo-credentials.env")),
                    Integer.parseInt(values.getOrDefault("clients", "64")),
                    Double.parseDouble(values.getOrDefault("duration", "60")),
                    Double.parseDouble(values.getOrDefault("warmup", "10")),
                    values.getOrDefault("postgres", "jdbc:postgresql://localhost:15432/"),
                    values.getOrDefault("db-user", "postgres"),
                    values.getOrDefault("db-password", "postgres"),
                    values.getOrDefault("kafka", "localhost:9092"),
                    values.getOrDefault("origin", "http://localhost:3000"),
                    Double.parseDouble(values.getOrDefault("baseline", "15")),
                    values.getOrDefault("request-url", "http://localhost:8082"),
                    values.getOrDefault("notification-url", "http://localhost:8084"));
            Set<String> known = Set.of(
                    "url",
                    "credentials",
                    "clients",
                    "duration",
                    "warmup",
                    "postgres",
                    "db-user",
                    "db-password",
                    "kafka",
                    "origin",
                    "baseline",
                    "request-url",
                    "notification-url");
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
                }
            }
            return options;
        }
    }

    static final String USAGE = """
            Usage: benchmarks/run.sh consent [options]      (the local stack must be running)
              --clients=64           concurrent clients (closed loop, one keep-alive connection each)
              --duration=60          measured seconds
              --warmup=10            seconds of load before measuring (not counted)
              --baseline=15          seconds of the raw PostgreSQL insert baseline
              --url=http://localhost:8081                consent-service
              --request-url=http://localhost:8082        request-service      } only their ports: whose CPU
              --notification-url=http://localhost:8084   notification-service } a consent costs (both read consent-events)
              --credentials=.data/demo-credentials.env   ACCOUNT_ID, OWNER_TOKEN, WIDGET_KEY
              --origin=http://localhost:3000             an allowed origin of the demo account
              --postgres=jdbc:postgresql://localhost:15432/  --db-user=postgres --db-password=postgres
              --kafka=localhost:9092
            """;

    private ConsentIngestionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Credentials credentials = Credentials.read(options.credentials());
        String accountId = credentials.required("ACCOUNT_ID");
        String widgetKey = credentials.required("WIDGET_KEY");
        String ownerToken = credentials.required("OWNER_TOKEN");
        URI base = URI.create(options.url());

        LoadGenerator.Target target = target(base, widgetKey, options.origin(), accountId, ownerToken);
        List<String> required = target.consents();
        String run = Long.toString(System.currentTimeMillis(), 36);
        System.out.printf(
                Locale.ROOT,
                "Consent ingestion: %d clients, %.0f s measured after %.0f s warm-up, against %s%n"
                        + "  account %s, form version %d, consents %s, run %s%n",
                options.clients(),
                options.seconds(),
                options.warmupSeconds(),
                options.url(),
                accountId,
                target.formVersion(),
                required,
                run);

        if (options.warmupSeconds() > 0) {
            LoadGenerator.Result warmup =
                    LoadGenerator.run(target, options.clients(), options.warmupSeconds(), "bw-" + run + "-");
            System.out.printf(
                    Locale.ROOT,
                    "  warm-up: %,d accepted (%.0f/s), %d errors%n",
                    warmup.accepted(),
                    warmup.accepted() / warmup.seconds(),
                    warmup.errors());
            if (warmup.accepted() == 0) {
                System.out.println(
                        "  no consent was accepted during warm-up; first answer: " + warmup.firstRejection());
                hintOnRateLimit(warmup);
                System.exit(1);
            }
        }

        String prefix = "bm-" + run + "-";
        LoadGenerator.Result result;
        try (EventCheck events = new EventCheck(options.kafka())) {
            events.markStart();
            ProcessCpu cpu = ProcessCpu.find(stackPorts(options));
            Map<String, Double> cpuBefore = cpu.seconds();
            double ownCpuBefore = ProcessCpu.ownSeconds();
            result = LoadGenerator.run(target, options.clients(), options.seconds(), prefix);
            Map<String, Double> cpuUsed = ProcessCpu.used(cpuBefore, cpu.seconds());
            double ownCpu = ProcessCpu.ownSeconds() - ownCpuBefore;
            double rate = result.accepted() / result.seconds();
            System.out.printf(
                    Locale.ROOT,
                    "%n  accepted        %,10d  in %.1f s  = %,.0f consents/s%n"
                            + "  latency         p50 %.1f ms   p99 %.1f ms   max %.1f ms   (%,d answers)%n"
                            + "  errors          %,10d  %s%n",
                    result.accepted(),
                    result.seconds(),
                    rate,
                    result.percentileMillis(50),
                    result.percentileMillis(99),
                    result.percentileMillis(100),
                    result.sortedLatenciesNanos().length,
                    result.errors(),
                    errorDetail(result));
            hintOnRateLimit(result);
            // the window includes the relay's and request-service's work on what was accepted meanwhile
            System.out.println(ProcessCpu.report(
                    cpuUsed, ownCpu, "the load generator", result.accepted(), "consent", result.seconds()));

            long ledgerRows = ledgerRows(options, accountId, prefix);
            long ledgerReceipts = ledgerReceipts(options, result.receipts());
            System.out.printf(
                    Locale.ROOT,
                    "  ledger          %,10d  rows of this run (%,d of the accepted receipts)%n",
                    ledgerRows,
                    ledgerReceipts);

            long relayStart = System.nanoTime();
            EventCheck.Seen seen =
                    events.await(result.receipts(), prefix, Duration.ofSeconds(20), Duration.ofSeconds(180));
            Set<String> missing = new HashSet<>(result.receipts());
            missing.removeAll(seen.receipts());
            long lost = missing.size();
            long duplicates = seen.events() - seen.receipts().size();
            System.out.printf(
                    Locale.ROOT,
                    "  consent-events  %,10d  granted events of this run (%,d distinct; lost %,d, duplicates %,d;"
                            + " relay caught up %.1f s after the load)%n",
                    seen.events(),
                    seen.receipts().size(),
                    lost,
                    duplicates,
                    (System.nanoTime() - relayStart) / 1e9);

            System.out.printf(Locale.ROOT, "%n  PostgreSQL baseline (single-row INSERT, autocommit, same server):%n");
            double concurrent = InsertBaseline.run(
                    options.postgres(),
                    options.dbUser(),
                    options.dbPassword(),
                    options.clients(),
                    options.baselineSeconds());
            double single = InsertBaseline.run(
                    options.postgres(), options.dbUser(), options.dbPassword(), 1, options.baselineSeconds() / 3);
            System.out.printf(
                    Locale.ROOT,
                    "    %d connections %,10.0f inserts/s%n    1 connection  %,10.0f inserts/s%n"
                            + "  ratio           %.2f consents/s per baseline insert/s (%d connections)%n",
                    options.clients(),
                    concurrent,
                    single,
                    rate / concurrent,
                    options.clients());

            double p99 = result.percentileMillis(99);
            boolean rateOk = rate >= TARGET_RATE;
            boolean latencyOk = p99 < TARGET_P99_MS;
            boolean lostOk = lost == 0 && seen.receipts().size() == result.accepted();
            boolean ledgerOk = ledgerRows == result.accepted() && ledgerReceipts == result.accepted();
            System.out.printf(
                    Locale.ROOT,
                    "%nTargets: >= %,.0f consents/s %s | p99 < %.0f ms %s | zero lost events %s |"
                            + " ledger = accepted %s%n",
                    TARGET_RATE,
                    verdict(rateOk),
                    TARGET_P99_MS,
                    verdict(latencyOk),
                    verdict(lostOk),
                    verdict(ledgerOk));
            if (!(rateOk && latencyOk && lostOk && ledgerOk)) {
                System.exit(1);
            }
        }
    }

    /**
     * What a consent of the account's current form needs (every required consent ticked); publishes a
     * form as the owner first if the account has none.
     */
    public static LoadGenerator.Target target(
            URI base, String widgetKey, String origin, String accountId, String ownerToken)
            throws IOException, InterruptedException {
        JsonNode form = currentForm(base, widgetKey, origin, accountId, ownerToken);
        List<String> required = new ArrayList<>();
        form.path("consents").forEach(c -> {
            if (c.path("required").asBoolean()) {
                required.add(c.path("id").asText());
            }
        });
        return new LoadGenerator.Target(
                base.getHost(),
                base.getPort() < 0 ? 80 : base.getPort(),
                widgetKey,
                origin,
                form.path("version").asInt(),
                required);
    }

    private static JsonNode currentForm(URI base, String widgetKey, String origin, String accountId, String ownerToken)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        HttpResponse<String> current = http.send(
                HttpRequest.newBuilder(base.resolve("/widget/forms/current"))
                        .header("X-Widget-Key", widgetKey)
                        .header("Origin", origin)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (current.statusCode() == 200) {
            return json.readTree(current.body());
        }
        if (current.statusCode() != 404) {
            throw new IllegalStateException(
                    "GET /widget/forms/current answered " + current.statusCode() + ": " + current.body());
        }
        // the demo account has no form yet: publish one, as its owner would
        String form = """
                {"fields": [{"id": "name", "kind": "NAME", "label": "Your name", "required": false},
                            {"id": "email", "kind": "EMAIL", "label": "Your email", "required": false}],
                 "consents": [{"id": "chat-processing", "required": true,
                   "label": "I agree that Demo Shop processes what I write in this chat to answer me, and keeps it for 12 months. I can revoke this at any time. See the [privacy policy](https://shop.example/privacy)."}]}""";
        HttpResponse<String> published = http.send(
                HttpRequest.newBuilder(base.resolve("/accounts/" + accountId + "/form-versions"))
                        .header("Authorization", "Bearer " + ownerToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (published.statusCode() != 201 && published.statusCode() != 200) {
            throw new IllegalStateException(
                    "publishing the benchmark form answered " + published.statusCode() + ": " + published.body());
        }
        return json.readTree(published.body());
    }

    /** The processes whose CPU a consent costs, by the ports they listen on. */
    private static Map<String, Integer> stackPorts(Options options) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("consent-service", URI.create(options.url()).getPort());
        ports.put("request-service", URI.create(options.requestUrl()).getPort());
        ports.put("notification-service", URI.create(options.notificationUrl()).getPort());
        ports.put("PostgreSQL", ProcessCpu.jdbcPort(options.postgres()));
        ports.put("Kafka", ProcessCpu.kafkaPort(options.kafka()));
        return ports;
    }

    private static long ledgerRows(Options options, String accountId, String prefix) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        options.postgres() + "consent", options.dbUser(), options.dbPassword());
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from consent_entry where account_id = ? and kind = 'GRANTED'"
                                + " and visitor_id like ?")) {
            count.setObject(1, UUID.fromString(accountId));
            count.setString(2, prefix + "%");
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long ledgerReceipts(Options options, Set<String> receipts) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        options.postgres() + "consent", options.dbUser(), options.dbPassword());
                PreparedStatement count =
                        connection.prepareStatement("select count(*) from consent_entry where id = any(?)")) {
            Array ids = connection.createArrayOf(
                    "uuid", receipts.stream().map(UUID::fromString).toArray());
            count.setArray(1, ids);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String errorDetail(LoadGenerator.Result result) {
        if (result.errors() == 0) {
            return "";
        }
        return "(by status " + result.rejectedByStatus() + ", connection errors " + result.connectionErrors()
                + "; first: " + result.firstRejection() + ")";
    }

    private static void hintOnRateLimit(LoadGenerator.Result result) {
        if (result.rejectedByStatus().containsKey(429)) {
            System.out.println("  429s: the widget rate limits are on. Start the stack for benchmarking with"
                    + " CONSENT_RATE_LIMIT_PER_IP=1000000 CONSENT_RATE_LIMIT_PER_IP_BURST=1000000"
                    + " CONSENT_RATE_LIMIT_PER_ACCOUNT=1000000 CONSENT_RATE_LIMIT_PER_ACCOUNT_BURST=1000000"
                    + " (see benchmarks/README.md)");
        }
    }

    private static String verdict(boolean ok) {
        return ok ? "PASS" : "FAIL";
    }
}
