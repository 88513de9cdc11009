package io.chatprivacy.consent.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.domain.SelfTestCheck;
import io.chatprivacy.consent.domain.SelfTestObservation;
import io.chatprivacy.consent.domain.SyntheticVisitor;
import io.chatprivacy.consent.events.ConsentOptOutSelfTestFailedEvent;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.consent.persistence.SelfTestRepository;
import io.chatprivacy.platform.ids.Ids;
import io.chatprivacy.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The opt-out self-test (issue 14 item 6): per account, a synthetic visitor ({@link SyntheticVisitor}) sends the GPC
 * signal through the widget's own opt-out (the service method {@code POST /widget/visitors/{id}/opt-out} calls: the
 * service keeps only the SHA-256 of each widget key, so it cannot call its own widget over HTTP) and submits an
 * opt-out request on request-service's public privacy center over HTTP. Then, until every check holds or the
 * deadline passes, it checks what a person would rely on: the ledger has both opt-outs, the status the widget shows
 * says opted out, both {@code consent.opted-out.v1} are on {@code consent-events} (read from the topic), and the
 * request's status page reads completed. A run is recorded ({@code opt_out_self_test}); a failure publishes {@code
 * consent.opt-out-self-test-failed.v1}, on which notification-service alerts the account's owner.
 *
 * <p>Scheduled every {@code consent.self-test.every} per active account; owners may start one. One run per account
 * at a time across replicas (the run row is the claim); a run left unfinished by a replica that went away is closed
 * {@code ABANDONED} by a later sweep.
 */
@ApplicationScoped
public class OptOutSelfTest {

    private static final Logger LOG = Logger.getLogger(OptOutSelfTest.class);

    /** How long after its deadline a run still running is taken for abandoned. */
    static final Duration ABANDON_MARGIN = Duration.ofMinutes(5);

    public static final String BY_SCHEDULE = "SCHEDULED";
    public static final String BY_OWNER = "OWNER";

    private final SelfTestRepository runs;
    private final LedgerRepository ledger;
    private final OptOutService optOuts;
    private final PrivacyCenterClient privacyCenter;
    private final Outbox outbox;
    private final Clock clock;
    private final ConsentConfig.SelfTest config;
    private final Map<String, Object> kafkaConfig;
    private final ObjectMapper mapper;
    private final ExecutorService executor;

    OptOutSelfTest(
            SelfTestRepository runs,
            LedgerRepository ledger,
            OptOutService optOuts,
            PrivacyCenterClient privacyCenter,
            Outbox outbox,
            Clock clock,
            ConsentConfig config,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
            ObjectMapper mapper) {
        this.runs = runs;
        this.ledger = ledger;
        this.optOuts = optOuts;
        this.privacyCenter = privacyCenter;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config.selfTest();
        this.kafkaConfig = kafkaConfig;
        this.mapper = mapper;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "opt-out-self-test-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    @Scheduled(
            every = "${consent.self-test.every:24h}",
            delayed = "${consent.self-test.delayed:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sweep();
    }

    /**
     * Closes abandoned runs, then starts a run for every active account not tested within {@code
     * consent.self-test.every} (in the background).
     *
     * @return the runs started
     */
    public List<UUID> sweep() {
        closeAbandoned();
        Instant now = now();
        String every = config.every().strip();
        Instant notSince = every.equalsIgnoreCase("off") || every.equalsIgnoreCase("disabled")
                ? null
                : now.minus(DurationConverter.parseDuration(every));
        return runs.activeAccounts().stream()
                .map(account -> claim(account, BY_SCHEDULE, notSince))
                .flatMap(Optional::stream)
                .toList();
    }

    /**
     * Closes the runs still {@code RUNNING} well past their deadline: the replica running them went away. Each
     * is recorded {@code FAILED} on {@code ABANDONED} and alerts its owner like any failed run (the opt-outs it
     * made were never checked).
     *
     * @return how many were closed
     */
    public int closeAbandoned() {
        List<SelfTestRepository.Run> stale =
                runs.runningSince(now().minus(config.deadline()).minus(ABANDON_MARGIN));
        for (SelfTestRepository.Run run : stale) {
            finish(run.id(), run.accountId(), run.startedAt(), SelfTestCheck.ABANDONED, "left unfinished");
        }
        return stale.size();
    }

    /** An owner's "run now": the run started, or empty when one is running for the account already. */
    public Optional<UUID> runNow(UUID accountId) {
        return claim(accountId, BY_OWNER, null);
    }

    public List<SelfTestRepository.Run> latest(UUID accountId, int limit) {
        return runs.latest(accountId, limit);
    }

    public Optional<SelfTestRepository.Run> find(UUID runId) {
        return runs.find(runId);
    }

    private Optional<UUID> claim(UUID accountId, String startedBy, Instant notStartedSince) {
        Instant startedAt = now();
        UUID runId = Ids.timeOrdered(startedAt.toEpochMilli());
        if (!runs.claim(runId, accountId, startedBy, startedAt, notStartedSince)) {
            return Optional.empty();
        }
        executor.execute(() -> execute(runId, accountId, startedAt));
        return Optional.of(runId);
    }

    /** Runs one claimed test to its end and records the outcome. */
    void execute(UUID runId, UUID accountId, Instant startedAt) {
        SelfTestObservation seen = SelfTestObservation.none();
        String detail = null;
        try {
            SyntheticVisitor visitor = SyntheticVisitor.fresh();
            Instant deadline = startedAt.plus(config.deadline());
            boolean gpcSent = false;
            try {
                optOuts.optOutFromWidget(
                        accountId, visitor.gpcVisitorId(), null, true, SyntheticVisitor.USER_AGENT, null);
                gpcSent = true;
            } catch (RuntimeException e) {
                detail = "the GPC opt-out was not recorded: " + e.getClass().getSimpleName();
            }
            PrivacyCenterClient.Opened request = null;
            try {
                request = privacyCenter.submitOptOut(accountId, visitor.email(), visitor.requestVisitorId());
            } catch (PrivacyCenterClient.Refused e) {
                detail = detail == null ? e.getMessage() : detail;
            }
            ConsentTopicWatch topic = null;
            try {
                topic = new ConsentTopicWatch(
                        kafkaConfig,
                        mapper,
                        Set.of(visitor.gpcVisitorId(), visitor.requestVisitorId()),
                        startedAt.minus(Duration.ofMinutes(1)));
            } catch (RuntimeException e) {
                // the other checks still run; the events' check cannot pass
                detail = detail == null
                        ? "consent-events unreadable: " + e.getClass().getSimpleName()
                        : detail;
            }
            try {
                while (true) {
                    seen = observe(accountId, visitor, request, topic, gpcSent);
                    // without a request there is nothing more to wait for once the GPC opt-out is seen
                    boolean nothingToAwait = request == null && seen.gpcLedger() && seen.gpcStatus();
                    if (seen.passed() || nothingToAwait || !now().isBefore(deadline)) {
                        break;
                    }
                    Thread.sleep(config.pollInterval().toMillis());
                }
            } finally {
                if (topic != null) {
                    topic.close();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            detail = "interrupted";
        } catch (RuntimeException e) {
            LOG.warnf("Opt-out self-test %s of account %s could not check: %s", runId, accountId, e.toString());
            detail = detail == null ? "could not check: " + e.getClass().getSimpleName() : detail;
        }
        Optional<SelfTestCheck> failed = seen.firstFailing();
        if (failed.isEmpty()) {
            finish(runId, accountId, startedAt, null, null);
        } else {
            finish(runId, accountId, startedAt, failed.get(), detail);
        }
    }

    private SelfTestObservation observe(
            UUID accountId,
            SyntheticVisitor visitor,
            PrivacyCenterClient.Opened request,
            ConsentTopicWatch topic,
            boolean gpcSent) {
        List<ConsentTopicWatch.Seen> events = topic == null ? List.of() : topic.poll(Duration.ofMillis(500));
        boolean gpcLedger = gpcSent
                && ledger.optOutRows(accountId, visitor.gpcVisitorId()).stream()
                        .anyMatch(row -> row.scope() == OptOutScope.SALE_SHARING && row.source() == OptOutSource.GPC);
        boolean gpcStatus = optOuts.status(accountId, visitor.gpcVisitorId()).optedOut();
        boolean gpcEvent =
                events.stream().anyMatch(e -> e.key().equals(visitor.gpcVisitorId()) && "GPC".equals(e.source()));
        if (request == null) {
            return new SelfTestObservation(gpcLedger, gpcStatus, false, false, false, false, false);
        }
        String requestId = request.requestId().toString();
        boolean requestLedger = ledger.optOutRows(accountId, visitor.requestVisitorId()).stream()
                .anyMatch(row -> row.source() == OptOutSource.REQUEST
                        && request.requestId().equals(row.requestId()));
        boolean requestStatus =
                optOuts.status(accountId, visitor.requestVisitorId()).optedOut();
        boolean requestEvent = events.stream()
                .anyMatch(e -> e.key().equals(visitor.requestVisitorId())
                        && "REQUEST".equals(e.source())
                        && requestId.equals(e.requestId()));
        boolean completed;
        try {
            completed = "COMPLETED".equals(privacyCenter.status(accountId, request.requestId(), request.statusToken()));
        } catch (PrivacyCenterClient.Refused e) {
            completed = false;
        }
        return new SelfTestObservation(
                gpcLedger, gpcStatus, true, requestLedger, requestStatus, gpcEvent && requestEvent, completed);
    }

    private void finish(UUID runId, UUID accountId, Instant startedAt, SelfTestCheck failed, String detail) {
        Instant at = now();
        QuarkusTransaction.requiringNew().run(() -> {
            if (runs.finish(runId, at, failed, detail) && failed != null) {
                outbox.publish(new ConsentOptOutSelfTestFailedEvent(runId, accountId, failed.name(), startedAt, at));
            }
        });
        if (failed == null) {
            LOG.infof("Opt-out self-test %s of account %s passed", runId, accountId);
        } else {
            LOG.warnf(
                    "Opt-out self-test %s of account %s FAILED at %s (%s)",
                    runId, accountId, failed, Objects.requireNonNullElse(detail, "not honoured in time"));
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
