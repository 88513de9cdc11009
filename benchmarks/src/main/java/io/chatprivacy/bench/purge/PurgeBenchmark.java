package io.chatprivacy.bench.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.bench.Args;
import io.chatprivacy.bench.Credentials;
import io.chatprivacy.bench.ProcessCpu;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The purge benchmark, against the running local stack: ingests N tagged chats (with messages) into
 * the vault over {@code chat-transcripts}, opens a DELETE request for their tag, reads the code from the
 * owner's mailbox, presents it, and reports the ingest rate, the crypto-erasure time, the purge rate, a
 * fair baseline (raw SQL removing the same rows from scratch copies of the same tables, see {@link
 * DeleteBaseline}) and the time from code presented to confirmation mail (over several smaller purges, for
 * a p95).
 *
 * <p>Usage: {@code benchmarks/run.sh purge [--chats=100000] ...}; see {@code benchmarks/README.md}.
 * Exits with 1 when a target is missed.
 */
public final class PurgeBenchmark {

    private static final double TARGET_PURGE_RATE = 10_000;
    private static final double TARGET_P95_SECONDS = 5;
    /** The crypto-erasure of 100,000 chats (scaled for bigger runs). */
    private static final double TARGET_ERASURE_SECONDS = 1;
    /** The purge's rate against the fair baseline's. */
    private static final double TARGET_BASELINE_RATIO = 0.8;

    private static final String ISSUED = "deletion.verification-issued.v1";
    private static final String COMPLETED = "deletion.purge-completed.v1";
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String USAGE = """
            Usage: benchmarks/run.sh purge [options]      (the local stack must be running)
              --chats=100000         chats ingested and purged in the main run
              --messages=4           messages per chat
              --latency-runs=10      further verified purges timed from code presented to confirmation mail
              --latency-chats=200    chats per latency run
              --baseline-chunk=0     chats per transaction of the fair SQL baseline (0: all in one)
              --in-place=true        also ingest a twin set and time the same SQL on the vault's own tables
                                     (rolled back; the twin is then purged through the application)
              --credentials=.data/demo-credentials.env   ACCOUNT_ID, OWNER_TOKEN, AGENT_TOKEN
              --owner-email=owner@demo.example           the demo account's registered owner address
              --deletion-url=http://localhost:8083  --request-url=http://localhost:8082
              --deletion-management-url=http://localhost:9083   deletion-service's health and metrics (the vault's crypto time per chat)
              --mail-url=http://localhost:8025/messages
              --kafka=localhost:9092
              --postgres=jdbc:postgresql://localhost:15432/deletion  --db-user=postgres --db-password=postgres
              --transport-key=.data/keys/code-transport.key   used only if no verification mail arrives
            """;

    private record Options(
            int chats,
            int messages,
            int latencyRuns,
            int latencyChats,
            int baselineChunk,
            boolean inPlace,
            Path credentials,
            String ownerEmail,
            String deletionUrl,
            String deletionManagementUrl,
            String requestUrl,
            String mailUrl,
            String kafka,
            String postgres,
            String dbUser,
            String dbPassword,
            Path transportKey) {

        static Options parse(String[] args) {
            Map<String, String> values = Args.parse(args, USAGE);
            Set<String> known = Set.of(
                    "chats",
                    "messages",
                    "latency-runs",
                    "latency-chats",
                    "baseline-chunk",
                    "in-place",
                    "credentials",
                    "owner-email",
                    "deletion-url",
                    "deletion-management-url",
                    "request-url",
                    "mail-url",
                    "kafka",
                    "postgres",
                    "db-user",
                    "db-password",
                    "transport-key");
            for (String name : values.keySet()) {
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
                }
            }
            return new Options(
                    Integer.parseInt(values.getOrDefault("chats", "100000")),
                    Integer.parseInt(values.getOrDefault("messages", "4")),
                    Integer.parseInt(values.getOrDefault("latency-runs", "10")),
                    Integer.parseInt(values.getOrDefault("latency-chats", "200")),
                    Integer.parseInt(values.getOrDefault("baseline-chunk", "0")),
                    Boolean.parseBoolean(values.getOrDefault("in-place", "true")),
                    Path.of(values.getOrDefault("credentials", ".data/demo-credentials.env")),
                    values.getOrDefault("owner-email", "owner@demo.example"),
                    values.getOrDefault("deletion-url", "http://localhost:8083"),
                    values.getOrDefault("deletion-management-url", "http://localhost:9083"),
                    values.getOrDefault("request-url", "http://localhost:8082"),
                    values.getOrDefault("mail-url", "http://localhost:8025/messages"),
                    values.getOrDefault("kafka", "localhost:9092"),
                    values.getOrDefault("postgres", "jdbc:postgresql://localhost:15432/deletion"),
                    values.getOrDefault("db-user", "postgres"),
                    values.getOrDefault("db-password", "postgres"),
                    Path.of(values.getOrDefault("transport-key", ".data/keys/code-transport.key")));
        }
    }

    /** One verified purge as measured. */
    private record Purge(
            String requestId,
            boolean openedViaRequestService,
            boolean codeFromMail,
            int status,
            double codeToEventSeconds,
            Double codeToMailSeconds,
            double responseSeconds,
            int chatsDeleted,
            double serverPurgeSeconds,
            double authorisedToKeysDestroyedSeconds) {}

    private final Options options;
    private final String accountId;
    private final String ownerToken;
    private final String agentToken;
    private final Properties db = new Properties();
    private final StackClient stack;
    private final ChatLoader loader;
    private final String runId = Long.toString(System.currentTimeMillis() / 1000, 36);
    private DeletionEventWatcher events;

    private PurgeBenchmark(Options options) throws IOException {
        this.options = options;
        Credentials credentials = Credentials.read(options.credentials());
        this.accountId = credentials.required("ACCOUNT_ID");
        this.ownerToken = credentials.required("OWNER_TOKEN");
        this.agentToken = credentials.getOrDefault("AGENT_TOKEN", ownerToken);
        db.setProperty("user", options.dbUser());
        db.setProperty("password", options.dbPassword());
        this.stack = new StackClient(options.deletionUrl(), options.requestUrl(), options.mailUrl(), accountId);
        this.loader = new ChatLoader(options.kafka(), options.postgres(), db);
    }

    private String metricsUrl() {
        return options.deletionManagementUrl() + "/q/metrics";
    }

    /** Seconds deletion-service spent on crypto work while ingesting chats, so far (NaN: not readable). */
    private double cryptoSeconds() {
        return stack.metric(metricsUrl(), "vault_ingest_crypto_seconds_sum", "type=\"chat\"");
    }

    /** The stack's processes by the ports this run talks to. */
    private Map<String, Integer> stackPorts() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("deletion-service", URI.create(options.deletionUrl()).getPort());
        ports.put("PostgreSQL", ProcessCpu.jdbcPort(options.postgres()));
        ports.put("Kafka", ProcessCpu.kafkaPort(options.kafka()));
        return ports;
    }

    /**
     * CPU time per chat of each of the stack's processes during the ingest, and the rate the machine's
     * cores would allow them if nothing else ran (the producer, which plays the chat platform, apart):
     * on a small machine the ingest is bound by CPU, not by waiting.
     */
    private double chatsCreated() {
        return stack.metric(metricsUrl(), "vault_ingest_total", "type=\"chat\"", "outcome=\"created\"");
    }

    /** Seconds deletion-service spent in crypto-erasure steps of tag purges, so far (NaN: not readable). */
    private double erasureSeconds() {
        return stack.metric(metricsUrl(), "purge_erasure_seconds_sum", "target=\"tag\"");
    }

    private double erasures() {
        return stack.metric(metricsUrl(), "purge_erasure_seconds_count", "target=\"tag\"");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        boolean met = new PurgeBenchmark(options).run();
        System.exit(met ? 0 : 1);
    }

    private boolean run() throws Exception {
        if (!stack.ready(options.deletionManagementUrl())) {
            System.err.println("deletion-service is not ready at " + options.deletionManagementUrl()
                    + "/q/health/ready; start ./run.sh first");
            return false;
        }
        boolean mailApi = stack.mailApiAvailable();
        System.out.printf(
                "Purge benchmark (run %s): %,d chats of %d messages for account %s%n",
                runId, options.chats(), options.messages(), accountId);
        try (DeletionEventWatcher watcher = new DeletionEventWatcher(options.kafka())) {
            events = watcher;

            // 1. ingest
            String tag = "bench-" + runId;
            double cryptoBefore = cryptoSeconds();
            double createdBefore = chatsCreated();
            ProcessCpu cpu = ProcessCpu.find(stackPorts());
            Map<String, Double> cpuBefore = cpu.seconds();
            double ownCpuBefore = ProcessCpu.ownSeconds();
            long ingestStart = System.nanoTime();
            long bytes = loader.send(accountId, runId, tag, options.chats(), options.messages());
            double produced = seconds(System.nanoTime() - ingestStart);
            boolean stored = loader.awaitStored(
                    accountId,
                    tag,
                    options.chats(),
                    30 * 60_000L,
                    () -> chatsCreated() - createdBefore,
                    soFar -> System.out.printf("  ... %,d chats in the vault%n", soFar));
            double ingestSeconds = seconds(System.nanoTime() - ingestStart);
            Map<String, Double> cpuUsed = ProcessCpu.used(cpuBefore, cpu.seconds());
            double producerCpu = ProcessCpu.ownSeconds() - ownCpuBefore;
            if (!stored) {
                System.err.println("the vault did not receive all chats in 30 minutes");
                return false;
            }
            double ingestRate = options.chats() / ingestSeconds;
            System.out.printf(
                    "Ingest:   %,d chats (%.1f MB of events, produced in %.1f s) stored in %.1f s = %,.0f chats/s%n",
                    options.chats(), bytes / 1e6, produced, ingestSeconds, ingestRate);
            double created = chatsCreated() - createdBefore;
            double crypto = cryptoSeconds() - cryptoBefore;
            if (created > 0 && !Double.isNaN(crypto)) {
                System.out.printf(
                        "          crypto work per chat in the vault (blind indexes, data key, JSON, AES-GCM): %.1f µs"
                                + " of %.1f µs per chat%n",
                        crypto / created * 1e6, ingestSeconds / options.chats() * 1e6);
            } else {
                System.out.println("          crypto work per chat: not measured (" + metricsUrl()
                        + " has no vault_ingest_crypto_seconds)");
            }
            System.out.println(ProcessCpu.report(
                    cpuUsed,
                    producerCpu,
                    "the producer, playing the chat platform",
                    options.chats(),
                    "chat",
                    ingestSeconds));
            // the twin: as many chats again with a tag of their own, for the baseline on the vault's own tables
            String twinTag = tag + "-twin";
            if (options.inPlace()) {
                double twinBefore = chatsCreated();
                long twinStart = System.nanoTime();
                loader.send(accountId, runId + "t", twinTag, options.chats(), options.messages());
                if (!loader.awaitStored(
                        accountId,
                        twinTag,
                        options.chats(),
                        30 * 60_000L,
                        () -> chatsCreated() - twinBefore,
                        n -> {})) {
                    System.err.println("the vault did not receive the twin set in 30 minutes");
                    return false;
                }
                System.out.printf(
                        "          (a twin set of %,d chats tagged for the in-place baseline stored in %.1f s)%n",
                        options.chats(), seconds(System.nanoTime() - twinStart));
            }

            // 2. the verified purge
            double erasureBefore = erasureSeconds();
            double erasuresBefore = erasures();
            Purge main = purge(tag, mailApi);
            if (main == null) {
                return false;
            }
            double erasure = erasureSeconds() - erasureBefore;
            double erasureCount = erasures() - erasuresBefore;
            double purgeRate = main.chatsDeleted() / main.serverPurgeSeconds();
            System.out.printf(
                    "Purge:    %,d chats in %.2f s (authorised -> completed, server side) = %,.0f chats/s;"
                            + " code presented -> purge-completed event %.2f s%n",
                    main.chatsDeleted(), main.serverPurgeSeconds(), purgeRate, main.codeToEventSeconds());
            System.out.printf(
                    "          (request opened %s; code read from %s; the verification call answered %d in %.2f s)%n",
                    main.openedViaRequestService() ? "through request-service" : "by publishing request.opened.v1",
                    main.codeFromMail() ? "the owner's mail" : "the sealed code in the event",
                    main.status(),
                    main.responseSeconds());
            if (erasureCount == 1 && !Double.isNaN(erasure)) {
                System.out.printf(
                        "Erasure:  the data keys of all %,d chats destroyed in %.3f s (purge_erasure_seconds);"
                                + " authorised -> keys destroyed (committed) %.3f s%n",
                        main.chatsDeleted(), erasure, main.authorisedToKeysDestroyedSeconds());
            } else {
                // another purge ran meanwhile, or the metric is not there: the job's recorded moments only
                erasure = main.authorisedToKeysDestroyedSeconds();
                System.out.printf(
                        "Erasure:  authorised -> keys of all %,d chats destroyed (committed) %.3f s"
                                + " (purge_erasure_seconds not usable: %s)%n",
                        main.chatsDeleted(),
                        erasure,
                        Double.isNaN(erasureCount) ? "not readable" : (long) erasureCount + " erasures meanwhile");
            }

            // 3. the fair baseline: the same rows from the same tables, in raw SQL
            long baselineNanos = new DeleteBaseline(options.postgres(), db)
                    .run(main.chatsDeleted(), ChatLoader.contentBytes(options.messages()), options.baselineChunk());
            double baselineSeconds = seconds(baselineNanos);
            double baselineRate = main.chatsDeleted() / baselineSeconds;
            double scratchRatio = purgeRate / baselineRate;
            System.out.printf(
                    "Baseline: raw SQL removing the same rows (chat, data_key, item_tag, subject_key) and writing the"
                            + " same tombstones, %s: %,d chats in %.2f s = %,.0f chats/s;"
                            + " the purge runs at %.2fx the baseline's rate%n",
                    options.baselineChunk() <= 0
                            ? "one transaction"
                            : String.format("%,d chats per transaction", options.baselineChunk()),
                    main.chatsDeleted(),
                    baselineSeconds,
                    baselineRate,
                    scratchRatio);
            double ratio = scratchRatio;
            if (options.inPlace()) {
                long inPlaceNanos = new DeleteBaseline(options.postgres(), db)
                        .inPlace(UUID.fromString(accountId), twinTag, options.chats());
                double inPlaceSeconds = seconds(inPlaceNanos);
                ratio = purgeRate / (options.chats() / inPlaceSeconds);
                System.out.printf(
                        "          the same SQL on the vault's own tables (the twin set, one transaction, rolled back):"
                                + " %,d chats in %.2f s = %,.0f chats/s; the purge runs at %.2fx its rate%n",
                        options.chats(), inPlaceSeconds, options.chats() / inPlaceSeconds, ratio);
                Purge twin = purge(twinTag, mailApi);
                if (twin == null) {
                    return false;
                }
                System.out.printf(
                        "          (the twin set then purged through the application: %,d chats in %.2f s = %,.0f"
                                + " chats/s)%n",
                        twin.chatsDeleted(),
                        twin.serverPurgeSeconds(),
                        twin.chatsDeleted() / twin.serverPurgeSeconds());
            }

            // 4. code -> confirmation mail, over smaller purges
            List<Double> latencies = new ArrayList<>();
            boolean mailLatency = true;
            for (int run = 1; run <= options.latencyRuns(); run++) {
                String runTag = tag + "-lat" + run;
                double createdBeforeRun = chatsCreated();
                loader.send(accountId, runId, runTag, options.latencyChats(), options.messages());
                if (!loader.awaitStored(
                        accountId,
                        runTag,
                        options.latencyChats(),
                        120_000L,
                        () -> chatsCreated() - createdBeforeRun,
                        soFar -> {})) {
                    System.err.println("latency run " + run + ": chats not stored in time");
                    return false;
                }
                Purge sample = purge(runTag, mailApi);
                if (sample == null) {
                    return false;
                }
                if (sample.codeToMailSeconds() != null) {
                    latencies.add(sample.codeToMailSeconds());
                } else {
                    mailLatency = false;
                    latencies.add(sample.codeToEventSeconds());
                }
            }
            boolean latencyMet = true;
            if (!latencies.isEmpty()) {
                Collections.sort(latencies);
                double p50 = percentile(latencies, 50);
                double p95 = percentile(latencies, 95);
                latencyMet = p95 < TARGET_P95_SECONDS;
                System.out.printf(
                        "Code -> %s over %d purges of %,d chats: p50 %.2f s, p95 %.2f s, max %.2f s%n",
                        mailLatency ? "confirmation mail" : "purge-completed event (no confirmation mail seen)",
                        latencies.size(),
                        options.latencyChats(),
                        p50,
                        p95,
                        latencies.get(latencies.size() - 1));
            }
            if (main.codeToMailSeconds() != null) {
                System.out.printf(
                        "          (main run of %,d chats: code -> confirmation mail %.2f s)%n",
                        main.chatsDeleted(), main.codeToMailSeconds());
            }
            boolean rateMet = purgeRate >= TARGET_PURGE_RATE;
            double erasureLimit = TARGET_ERASURE_SECONDS * Math.max(1, main.chatsDeleted() / 100_000.0);
            boolean erasureMet = erasure < erasureLimit;
            boolean baselineMet = ratio >= TARGET_BASELINE_RATIO;
            System.out.printf(
                    "Targets:  purge >= %,.0f chats/s: %s; erasure < %.1f s: %s; purge >= %.1fx the %s baseline's rate:"
                            + " %s;"
                            + " code -> confirmation p95 < %.0f s: %s%n",
                    TARGET_PURGE_RATE,
                    rateMet ? "MET" : "MISSED",
                    erasureLimit,
                    erasureMet ? "MET" : "MISSED",
                    TARGET_BASELINE_RATIO,
                    options.inPlace() ? "in-place" : "scratch",
                    baselineMet ? "MET" : "MISSED",
                    TARGET_P95_SECONDS,
                    latencies.isEmpty() ? "not measured" : latencyMet ? "MET" : "MISSED");
            return rateMet && erasureMet && baselineMet && latencyMet;
        }
    }

    /** Opens a DELETE request for the tag, reads its code, presents it and measures what follows. */
    private Purge purge(String tag, boolean mailApi) throws Exception {
        if (mailApi) {
            stack.forgetMail(options.ownerEmail());
        }
        String requestId = stack.openDeleteRequest(agentToken, tag);
        boolean viaRequestService = requestId != null;
        if (requestId == null) {
            requestId = UUID.randomUUID().toString();
            publishRequestOpened(requestId, tag);
            System.out.println("  (request.opened.v1 published directly to request-events)");
        }
        DeletionEventWatcher.Seen issued = events.await(requestId, ISSUED, 60_000);
        if (issued == null) {
            System.err.println("no verification was issued for request " + requestId);
            return null;
        }
        String code = null;
        boolean fromMail = false;
        if (mailApi) {
            StackClient.Mail mail = stack.awaitMail(options.ownerEmail(), requestId, true, 30_000);
            if (mail != null) {
                code = StackClient.code(mail);
                fromMail = code != null;
            }
        }
        if (code == null) {
            code = unseal(issued.data());
            System.out.println("  (no verification mail seen: the code was unsealed from the event)");
        }

        long presented = System.nanoTime();
        HttpResponse<String> response = stack.presentCode(ownerToken, requestId, code);
        double responseSeconds = seconds(System.nanoTime() - presented);
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            System.err.printf(
                    "presenting the code failed: %d %s%n",
                    response.statusCode(), StackClient.abbreviate(response.body()));
            return null;
        }
        DeletionEventWatcher.Seen completed = events.await(requestId, COMPLETED, 30 * 60_000L);
        if (completed == null) {
            System.err.println("no purge-completed event for request " + requestId);
            return null;
        }
        Double toMail = null;
        if (mailApi) {
            StackClient.Mail confirmation = stack.awaitMail(options.ownerEmail(), requestId, false, 60_000);
            if (confirmation != null) {
                toMail = seconds(confirmation.seenNanos() - presented);
            }
        }
        double[] server = serverPurgeSeconds(requestId);
        return new Purge(
                requestId,
                viaRequestService,
                fromMail,
                response.statusCode(),
                seconds(completed.arrivedNanos() - presented),
                toMail,
                responseSeconds,
                completed.data().get("chatsDeleted").asInt(),
                server[0],
                server[1]);
    }

    /** Authorised -> completed, and authorised -> keys destroyed (NaN if not recorded), from the job's moments. */
    private double[] serverPurgeSeconds(String requestId) throws SQLException {
        try (Connection c = DriverManager.getConnection(options.postgres(), db);
                PreparedStatement s = c.prepareStatement("select authorised_at, closed_at, keys_destroyed_at"
                        + " from deletion_job where request_id = ?::uuid and status = 'COMPLETED'")) {
            s.setString(1, requestId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no completed job for request " + requestId);
                }
                OffsetDateTime from = r.getObject(1, OffsetDateTime.class);
                OffsetDateTime to = r.getObject(2, OffsetDateTime.class);
                OffsetDateTime erased = r.getObject(3, OffsetDateTime.class);
                return new double[] {
                    seconds(Duration.between(from, to).toNanos()),
                    erased == null
                            ? Double.NaN
                            : seconds(Duration.between(from, erased).toNanos())
                };
            }
        }
    }

    /** The fallback when request-service's API is not there: the event it would publish, from its golden sample. */
    private void publishRequestOpened(String requestId, String tag) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        String now = java.time.Instant.now().toString();
        String data = "{\"requestId\":\"" + requestId + "\",\"accountId\":\"" + accountId
                + "\",\"requestType\":\"DELETE\",\"tag\":\"" + tag + "\",\"subjectEmail\":null,"
                + "\"subjectVisitorId\":null,\"channel\":\"WEB_FORM\",\"openedBy\":\"benchmark\",\"receivedAt\":\""
                + now + "\"}";
        RecordHeaders headers = new RecordHeaders();
        for (String[] header : new String[][] {
            {"ce_specversion", "1.0"},
            {"ce_id", UUID.randomUUID().toString()},
            {"ce_source", "/request-service"},
            {"ce_type", "request.opened.v1"},
            {"ce_time", now},
            {"ce_subject", requestId},
            {"ce_accountid", accountId},
            {"ce_schemaversion", "1.0"},
            {"content-type", "application/json"}
        }) {
            headers.add(header[0], header[1].getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("request-events", null, accountId, data, headers));
        }
    }

    /** Opens the event's sealedCode with the local stack's transport key, as notification-service does. */
    private String unseal(JsonNode data) throws Exception {
        if (!Files.exists(options.transportKey())) {
            throw new IllegalStateException("no verification mail arrived and " + options.transportKey()
                    + " does not exist: cannot read the code");
        }
        byte[] key = Base64.getDecoder()
                .decode(Files.readString(options.transportKey()).strip());
        byte[] sealed = Base64.getUrlDecoder().decode(data.get("sealedCode").asText());
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(data.get("jobId").asText().getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(sealed, 12, sealed.length - 12), StandardCharsets.UTF_8);
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
