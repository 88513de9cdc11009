package io.chatprivacy.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.bench.Args;
import io.chatprivacy.bench.Credentials;
import io.chatprivacy.bench.ProcFs;
import io.chatprivacy.bench.consent.ConsentIngestionBenchmark;
import io.chatprivacy.bench.consent.EventCheck;
import io.chatprivacy.bench.consent.LoadGenerator;
import io.chatprivacy.bench.purge.ChatLoader;
import io.chatprivacy.bench.purge.DeletionEventWatcher;
import io.chatprivacy.bench.purge.StackClient;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * The soak: paced consents (open loop, default 1,000/s) plus deletions by tag and access requests every
 * ~30 s against the running stack for {@code --minutes}, one line of figures per minute with the RSS of
 * every process of the stack, then the end-to-end counts (lost and duplicated consent events and ledger
 * rows, purge-completed events, mails) and the memory verdict. Exits with 1 when a process's RSS grew by
 * more than {@code --rss-limit} percent from minute {@code --rss-from} to the end, when anything was lost
 * or duplicated, when more than {@code --max-error-rate} percent of the consents failed, or when a
 * deletion or access cycle failed.
 *
 * <p>Usage: {@code benchmarks/run.sh soak [--minutes=60] [--rate=1000] ...}; see {@code benchmarks/README.md}.
 */
public final class SoakBenchmark {

    static final String USAGE = """
            Usage: benchmarks/run.sh soak [options]      (the local stack must be running)
              --minutes=60           length of the run
              --rate=1000            consents per second, paced (open loop: sent on schedule whatever the answers do)
              --connections=256      most keep-alive connections the consents may use at once
              --deletion-every=30    seconds between deletions by tag (each archives --chats chats first)
              --chats=50             chats per deletion
              --access-every=30      seconds between access requests (each archives one chat of its visitor first)
              --step-timeout=120     seconds a cycle's step (ingest, mail, purge, completion) may take
              --rss-from=10          minute the RSS growth is measured from (the middle of a shorter run)
              --rss-limit=10         allowed RSS growth to the end, percent, per process
              --max-error-rate=0.1   allowed failed consents, percent of those sent
              --data-dir=.data       the stack's data folder (run/processes.json: the processes watched)
              --credentials=<data-dir>/demo-credentials.env   ACCOUNT_ID, OWNER_TOKEN, AGENT_TOKEN, WIDGET_KEY
              --url=http://localhost:8081               consent-service
              --request-url=http://localhost:8082       request-service
              --deletion-url=http://localhost:8083      deletion-service
              --mail-url=http://localhost:8025/messages the mail read API
              --origin=http://localhost:3000            an allowed origin of the demo account
              --owner-email=owner@demo.example
              --kafka=localhost:9092
              --postgres=jdbc:postgresql://localhost:15432/  --db-user=postgres --db-password=postgres
            """;

    record Options(Map<String, String> values) {
        static Options parse(String[] args) {
            Map<String, String> values = Args.parse(args, USAGE);
            return new Options(values);
        }

        String get(String name, String fallback) {
            return values.getOrDefault(name, fallback);
        }

        double number(String name, double fallback) {
            return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
        }
    }

    private SoakBenchmark() {}

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        double minutes = o.number("minutes", 60);
        double rate = o.number("rate", 1000);
        int connections = (int) o.number("connections", 256);
        double deletionEvery = o.number("deletion-every", 30);
        double accessEvery = o.number("access-every", 30);
        int chats = (int) o.number("chats", 50);
        long stepMillis = (long) (o.number("step-timeout", 120) * 1000);
        int rssFrom = (int) o.number("rss-from", 10);
        double rssLimit = o.number("rss-limit", 10) / 100;
        double maxErrorRate = o.number("max-error-rate", 0.1) / 100;
        Path dataDir = Path.of(o.get("data-dir", ".data"));
        Path credentialsFile = Path.of(
                o.get("credentials", dataDir.resolve("demo-credentials.env").toString()));
        String url = o.get("url", "http://localhost:8081");
        String kafka = o.get("kafka", "localhost:9092");
        String postgres = o.get("postgres", "jdbc:postgresql://localhost:15432/");
        Properties db = new Properties();
        db.setProperty("user", o.get("db-user", "postgres"));
        db.setProperty("password", o.get("db-password", "postgres"));
        String ownerEmail = o.get("owner-email", "owner@demo.example");

        Credentials credentials = Credentials.read(credentialsFile);
        String accountId = credentials.required("ACCOUNT_ID");
        String ownerToken = credentials.required("OWNER_TOKEN");
        String agentToken = credentials.getOrDefault("AGENT_TOKEN", ownerToken);
        LoadGenerator.Target target = ConsentIngestionBenchmark.target(
                URI.create(url),
                credentials.required("WIDGET_KEY"),
                o.get("origin", "http://localhost:3000"),
                accountId,
                ownerToken);
        StackWatch watch = StackWatch.of(dataDir, new ProcFs(Path.of("/proc")));
        StackClient stack = new StackClient(
                o.get("deletion-url", "http://localhost:8083"),
                o.get("request-url", "http://localhost:8082"),
                o.get("mail-url", "http://localhost:8025/messages"),
                accountId,
                200);
        if (!stack.mailApiAvailable()) {
            throw new IllegalStateException("the mail read API is not reachable: --mail-url?");
        }
        ChatLoader loader = new ChatLoader(kafka, postgres + "deletion", db);
        String run = Long.toString(System.currentTimeMillis() / 1000, 36);
        String prefix = "sk-" + run + "-";
        System.out.printf(
                Locale.ROOT,
                "Soak %s: %.0f min, %.0f consents/s paced (up to %d connections) to %s, a deletion of %d chats every"
                        + " %.0f s, an access request every %.0f s%n  account %s, form version %d, consents %s%n"
                        + "  watching (RSS from /proc, per %s/run/processes.json): %s%n",
                run,
                minutes,
                rate,
                connections,
                url,
                chats,
                deletionEvery,
                accessEvery,
                accountId,
                target.formVersion(),
                target.consents(),
                dataDir,
                watch.watched().stream()
                        .map(w -> w.name() + " " + w.pid() + (w.tree() ? " (+ children)" : ""))
                        .collect(Collectors.joining(", ")));

        ConsentStats stats = new ConsentStats();
        Map<String, List<Long>> rss = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(watch.sample().keySet());
        names.forEach(n -> rss.put(n, new ArrayList<>()));
        int mailsAtStart = stack.mails(null).size();
        try (EventCheck consentEvents = new EventCheck(kafka);
                DeletionEventWatcher deletionEvents = new DeletionEventWatcher(kafka)) {
            consentEvents.markStart();
            RightsFlows flows = new RightsFlows(
                    stack,
                    loader,
                    deletionEvents,
                    accountId,
                    ownerToken,
                    agentToken,
                    ownerEmail,
                    run,
                    chats,
                    stepMillis);

            long start = System.nanoTime() + 1_000_000_000L;
            long end = start + (long) (minutes * 60e9);
            PacingSchedule schedule = new PacingSchedule(start, rate);
            AtomicReference<Throwable> generatorFailure = new AtomicReference<>();
            long[] sent = new long[1];
            Thread generator = new Thread(
                    () -> {
                        try {
                            sent[0] = LoadGenerator.runPaced(
                                    target, schedule, end, connections, 30_000_000_000L, prefix, stats);
                        } catch (Throwable t) {
                            generatorFailure.set(t);
                        }
                    },
                    "consents");
            generator.start();
            ScheduledExecutorService deletions = Executors.newSingleThreadScheduledExecutor();
            ScheduledExecutorService accesses = Executors.newSingleThreadScheduledExecutor();
            AtomicInteger deletionN = new AtomicInteger();
            AtomicInteger accessN = new AtomicInteger();
            deletions.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() < end) {
                            flows.deletion(deletionN.incrementAndGet());
                        }
                    },
                    5_000,
                    (long) (deletionEvery * 1000),
                    TimeUnit.MILLISECONDS);
            accesses.scheduleAtFixedRate(
                    () -> {
                        if (System.nanoTime() < end) {
                            flows.access(accessN.incrementAndGet());
                        }
                    },
                    5_000 + (long) (accessEvery * 500),
                    (long) (accessEvery * 1000),
                    TimeUnit.MILLISECONDS);

            sampleRss(watch, rss);
            System.out.printf(
                    Locale.ROOT,
                    "%n%4s %9s %6s %8s %8s %8s %-22s %4s %4s %5s %s%n",
                    "min",
                    "accepted",
                    "/s",
                    "p99 ms",
                    "lag ms",
                    "behind",
                    "errors",
                    "del",
                    "acc",
                    "mails",
                    names.stream()
                            .map(n -> String.format(Locale.ROOT, " %" + width(n) + "s", n))
                            .collect(Collectors.joining()));
            printRss(
                    rss,
                    0,
                    String.format(
                            Locale.ROOT,
                            "%4d %9s %6s %8s %8s %8s %-22s %4s %4s %5s ",
                            0,
                            "",
                            "",
                            "",
                            "",
                            "",
                            "(start; RSS in MB)",
                            "",
                            "",
                            ""),
                    names);
            int totalMinutes = (int) Math.ceil(minutes);
            long lastDeletions = 0;
            long lastAccesses = 0;
            long lastMails = mailsAtStart;
            long lastFlowErrors = 0;
            for (int m = 1; m <= totalMinutes; m++) {
                long at = Math.min(end, start + m * 60_000_000_000L);
                sleepUntil(at);
                ConsentStats.Figures f = stats.takeInterval();
                sampleRss(watch, rss);
                long mailsNow = countMails(stack, lastMails);
                Map<String, Long> errors = new LinkedHashMap<>(f.errors());
                long flowErrors = flows.errors().values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                if (flowErrors > lastFlowErrors) {
                    errors.put("cycles", flowErrors - lastFlowErrors);
                }
                lastFlowErrors = flowErrors;
                double seconds = (at - Math.max(start, start + (m - 1) * 60_000_000_000L)) / 1e9;
                String line = String.format(
                        Locale.ROOT,
                        "%4d %,9d %6.0f %8.1f %8.1f %,8d %-22s %4d %4d %5d ",
                        m,
                        f.accepted(),
                        f.accepted() / seconds,
                        f.p99Millis(),
                        f.maxLagMillis(),
                        schedule.behind(at, stats.sent()),
                        errors.isEmpty() ? "0" : errors.toString(),
                        flows.deletionsDone() - lastDeletions,
                        flows.accessesDone() - lastAccesses,
                        mailsNow - lastMails);
                printRss(rss, m, line, names);
                lastDeletions = flows.deletionsDone();
                lastAccesses = flows.accessesDone();
                lastMails = mailsNow;
                if (generatorFailure.get() != null) {
                    System.out.println("the consent generator failed: " + generatorFailure.get());
                    break;
                }
            }

            // the end: no new cycles; let the running ones and the answers in flight finish
            deletions.shutdown();
            accesses.shutdown();
            deletions.awaitTermination(stepMillis * 5, TimeUnit.MILLISECONDS);
            accesses.awaitTermination(stepMillis * 5, TimeUnit.MILLISECONDS);
            generator.join();
            ConsentStats.Figures drained = stats.takeInterval();
            ConsentStats.Figures total = stats.totals();
            long scheduled = schedule.before(end);
            System.out.printf(
                    Locale.ROOT,
                    "%nConsents: %,d scheduled, %,d sent (%,d never sent: behind schedule at the end), %,d answered"
                            + " after the last minute%n"
                            + "  accepted %,d = %,.0f/s (target %,.0f/s); latency from the scheduled time p50 %.1f ms"
                            + "  p99 %.1f ms  max %.1f ms%n"
                            + "  behind schedule: at most %.1f ms; %,d requests went out more than %d ms late%n"
                            + "  errors %,d %s%s%n",
                    scheduled,
                    sent[0],
                    scheduled - sent[0],
                    drained.answers(),
                    total.accepted(),
                    total.accepted() / (minutes * 60),
                    rate,
                    total.p50Millis(),
                    total.p99Millis(),
                    total.maxMillis(),
                    total.maxLagMillis(),
                    total.late(),
                    ConsentStats.LATE_NANOS / 1_000_000,
                    total.errorCount(),
                    total.errors(),
                    stats.firstError() == null ? "" : " (first: " + stats.firstError() + ")");
            if (generatorFailure.get() != null) {
                generatorFailure.get().printStackTrace();
            }

            List<String> failures = new ArrayList<>();
            long unanswered = sent[0] - total.answers() - total.errors().getOrDefault("i/o", 0L);
            if (unanswered > 0) {
                System.out.printf(Locale.ROOT, "  %,d requests still unanswered 30 s after the end%n", unanswered);
            }
            double errorRate = sent[0] == 0 ? 1 : (double) total.errorCount() / sent[0];
            if (errorRate > maxErrorRate) {
                failures.add(String.format(
                        Locale.ROOT, "consent errors %.3f %% > %.3f %%", errorRate * 100, maxErrorRate * 100));
            }
            if (stats.receipts().unreadable() > 0) {
                failures.add(stats.receipts().unreadable() + " receipt ids unreadable");
            }

            // ledger and consent-events against the accepted receipts
            UuidList ledger = ledgerReceipts(postgres + "consent", db, accountId, prefix);
            UuidList.Match ledgerMatch = UuidList.compare(stats.receipts(), ledger);
            long eventStart = System.nanoTime();
            UuidList events = new UuidList();
            long eventCount = consentEvents.scan(
                    prefix,
                    Duration.ofSeconds(20),
                    Duration.ofMinutes(15),
                    events::add,
                    () -> events.size() >= stats.receipts().size());
            UuidList.Match eventMatch = UuidList.compare(stats.receipts(), events);
            System.out.printf(
                    Locale.ROOT,
                    "  ledger: %,d GRANTED rows of the run; accepted but not in the ledger %,d, in the ledger but"
                            + " never accepted %,d (answers lost to errors), duplicate receipts %,d%n"
                            + "  consent-events: %,d consent.granted.v1 of the run (read in %.1f s); lost %,d,"
                            + " duplicated %,d, not accepted %,d%n",
                    ledger.size(),
                    ledgerMatch.missing(),
                    ledgerMatch.unexpected(),
                    ledgerMatch.expectedDuplicates(),
                    eventCount,
                    (System.nanoTime() - eventStart) / 1e9,
                    eventMatch.missing(),
                    eventMatch.duplicates(),
                    eventMatch.unexpected());
            if (ledgerMatch.missing() > 0 || ledgerMatch.duplicates() > 0 || ledgerMatch.expectedDuplicates() > 0) {
                failures.add("ledger differs from the accepted consents");
            }
            if (eventMatch.missing() > 0 || eventMatch.duplicates() > 0) {
                failures.add("consent events lost or duplicated");
            }
            // a row without an accepted answer must still have its event (the outbox is the ledger's)
            UuidList.Match rowsToEvents = UuidList.compare(ledger, events);
            if (rowsToEvents.missing() > 0) {
                failures.add(rowsToEvents.missing() + " ledger rows without their event");
            }

            // deletions and accesses
            List<RightsFlows.Cycle> cycles = flows.cycles();
            long deletionCycles =
                    cycles.stream().filter(c -> c.kind().equals("DELETE")).count();
            long accessCycles = cycles.size() - deletionCycles;
            List<String> deletionRequests = cycles.stream()
                    .filter(c -> c.kind().equals("DELETE") && c.requestId() != null)
                    .map(RightsFlows.Cycle::requestId)
                    .toList();
            long completedJobs = completedJobs(postgres + "deletion", db, deletionRequests);
            long purgeEvents = 0;
            long purgeDuplicates = 0;
            long purgeMissing = 0;
            for (String requestId : deletionRequests) {
                int count = deletionEvents.count(requestId, RightsFlows.PURGE_COMPLETED);
                purgeEvents += count;
                purgeDuplicates += Math.max(0, count - 1);
            }
            long distinctPurges = deletionRequests.stream()
                    .filter(r -> deletionEvents.count(r, RightsFlows.PURGE_COMPLETED) > 0)
                    .count();
            purgeMissing = Math.max(0, completedJobs - distinctPurges);
            System.out.printf(
                    Locale.ROOT,
                    "%nDeletions: %d cycles, %d completed (%s)%n"
                            + "  deletion jobs COMPLETED %d, purge-completed events %d (missing %d, duplicated %d)%n"
                            + "Access requests: %d cycles, %d completed (%s)%n"
                            + "Cycle errors: %s%n",
                    deletionCycles,
                    flows.deletionsDone(),
                    cycleTimes(cycles, "DELETE"),
                    completedJobs,
                    purgeEvents,
                    purgeMissing,
                    purgeDuplicates,
                    accessCycles,
                    flows.accessesDone(),
                    cycleTimes(cycles, "ACCESS"),
                    flows.errors().isEmpty() ? "none" : flows.errors());
            if (flows.deletionsDone() != deletionCycles || flows.accessesDone() != accessCycles) {
                failures.add("rights cycles failed: " + flows.errors());
            }
            if (purgeMissing > 0 || purgeDuplicates > 0) {
                failures.add("purge-completed events lost or duplicated");
            }

            // mails: wait until the mailbox is quiet (late duplicates count too), then audit it
            List<MailAudit.Mail> mailbox = quietMailbox(stack, Duration.ofSeconds(15), Duration.ofMinutes(2));
            MailAudit.Result mails = MailAudit.audit(cycles, mailbox);
            System.out.printf(
                    Locale.ROOT,
                    "Mails: %,d in the mailbox during the run; of the run's %d requests: %d mails, %d expected missing,"
                            + " %d duplicated%n  by subject: %s%n",
                    mailbox.size() - mailsAtStart,
                    mails.requests(),
                    mails.mails(),
                    mails.missing(),
                    mails.duplicates(),
                    mails.bySubject());
            if (mails.missing() > 0 || mails.duplicates() > 0) {
                failures.add("mails lost or duplicated");
            }

            // memory
            List<RssGrowth.Verdict> verdicts = RssGrowth.judge(rss, rssFrom, rssLimit);
            System.out.printf(
                    Locale.ROOT,
                    "%nRSS growth (limit %.0f %%; PostgreSQL: PSS summed over its processes):%n",
                    rssLimit * 100);
            for (RssGrowth.Verdict v : verdicts) {
                boolean judged = !v.name().endsWith(StackWatch.RSS_SUM);
                System.out.printf(
                        Locale.ROOT,
                        "  %-26s minute %2d %,8.1f MB -> end %,8.1f MB  %+6.1f %%  %s%n",
                        v.name(),
                        v.fromMinute(),
                        v.fromKb() / 1024.0,
                        v.toKb() / 1024.0,
                        v.growth() * 100,
                        !judged ? "(not judged: shared buffers counted per backend)" : v.ok() ? "ok" : "FAIL");
                if (judged && !v.ok()) {
                    failures.add("RSS of " + v.name() + (v.toKb() < 0 ? " gone" : " grew"));
                }
            }
            if (rss.values().iterator().next().size() - 1 <= rssFrom) {
                System.out.printf(
                        Locale.ROOT,
                        "  (a run of %d minutes: growth measured from its middle instead of minute %d)%n",
                        totalMinutes,
                        rssFrom);
            }

            System.out.println();
            if (failures.isEmpty()) {
                System.out.println("Soak PASSED at " + Instant.now());
            } else {
                System.out.println("Soak FAILED: " + String.join("; ", failures));
                System.exit(1);
            }
        }
        System.exit(0);
    }

    private static void sampleRss(StackWatch watch, Map<String, List<Long>> rss) {
        watch.sample().forEach((name, kb) -> rss.get(name).add(kb));
    }

    private static void printRss(Map<String, List<Long>> rss, int minute, String line, List<String> names) {
        StringBuilder out = new StringBuilder(line);
        for (String name : names) {
            long kb = rss.get(name).get(minute);
            out.append(String.format(
                    Locale.ROOT,
                    " %" + width(name) + "s",
                    kb < 0 ? "gone" : String.format(Locale.ROOT, "%.0f", kb / 1024.0)));
        }
        System.out.println(out);
    }

    private static int width(String name) {
        return Math.max(7, name.length());
    }

    private static long countMails(StackClient stack, long fallback) {
        try {
            return stack.mails(null).size();
        } catch (Exception e) {
            return fallback;
        }
    }

    private static void sleepUntil(long nanos) throws InterruptedException {
        long left;
        while ((left = nanos - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(left, 1_000_000_000L));
        }
    }

    private static String cycleTimes(List<RightsFlows.Cycle> cycles, String kind) {
        double[] seconds = cycles.stream()
                .filter(c -> c.kind().equals(kind) && c.ok())
                .mapToDouble(RightsFlows.Cycle::seconds)
                .sorted()
                .toArray();
        if (seconds.length == 0) {
            return "no completed cycle";
        }
        return String.format(
                Locale.ROOT,
                "start to end: median %.1f s, max %.1f s",
                seconds[seconds.length / 2],
                seconds[seconds.length - 1]);
    }

    private static UuidList ledgerReceipts(String jdbcUrl, Properties db, String accountId, String prefix)
            throws SQLException {
        UuidList ids = new UuidList();
        try (Connection c = DriverManager.getConnection(jdbcUrl, db)) {
            c.setAutoCommit(false); // so that the fetch size streams the rows
            try (PreparedStatement s = c.prepareStatement("select id from consent_entry where account_id = ?"
                    + " and kind = 'GRANTED' and visitor_id like ?")) {
                s.setFetchSize(10_000);
                s.setObject(1, UUID.fromString(accountId));
                s.setString(2, prefix + "%");
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getObject(1, UUID.class));
                    }
                }
            }
            c.commit();
        }
        return ids;
    }

    private static long completedJobs(String jdbcUrl, Properties db, List<String> requestIds) throws SQLException {
        if (requestIds.isEmpty()) {
            return 0;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, db);
                PreparedStatement s = c.prepareStatement(
                        "select count(*) from deletion_job where request_id = any(?) and status = 'COMPLETED'")) {
            Array ids = c.createArrayOf(
                    "uuid", requestIds.stream().map(UUID::fromString).toArray());
            s.setArray(1, ids);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The whole mailbox, once its size has not changed for {@code quiet}. */
    private static List<MailAudit.Mail> quietMailbox(StackClient stack, Duration quiet, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        int size = -1;
        long stableSince = System.nanoTime();
        JsonNode all = stack.mails(null);
        while (System.nanoTime() < deadline) {
            all = stack.mails(null);
            if (all.size() != size) {
                size = all.size();
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= quiet.toNanos()) {
                break;
            }
            Thread.sleep(1000);
        }
        List<MailAudit.Mail> mails = new ArrayList<>();
        for (JsonNode m : all) {
            List<String> to = new ArrayList<>();
            m.path("to").forEach(t -> to.add(t.asText()));
            mails.add(new MailAudit.Mail(
                    m.path("id").asText(),
                    to,
                    m.path("subject").asText(),
                    m.path("text").asText("") + "\n" + m.path("html").asText("")));
        }
        return mails;
    }
}
