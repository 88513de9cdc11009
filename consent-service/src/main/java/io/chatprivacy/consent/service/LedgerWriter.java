package io.chatprivacy.consent.service;

import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.events.ConsentEvent;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.DatabaseOutage;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Group commit for the ledger's hot path. Concurrent callers hand their entries and events to a
 * queue; a few writer threads take whatever has queued up (up to {@code consent.ledger.max-batch})
 * and write it in ONE transaction: the ledger rows and their outbox events commit together, and a
 * hundred consents cost one commit (one WAL flush) instead of a hundred. Each caller waits until its
 * own batch has committed, so an answer of 201 always means "durably recorded and announced".
 *
 * <p>Nothing waits to fill a batch: when load is light a batch holds one consent and the latency is
 * that of a plain transaction. If a batch fails, each of its consents is retried in its own
 * transaction, so one bad entry cannot fail its neighbours; a failure is never half-written.
 */
@ApplicationScoped
public class LedgerWriter {

    private static final Logger LOG = Logger.getLogger(LedgerWriter.class);

    /** One caller's entries and events, written atomically. */
    private record Pending(List<LedgerEntry> entries, List<ConsentEvent> events, CompletableFuture<Void> done) {}

    private final LedgerRepository ledger;
    private final Outbox outbox;
    private final ConsentConfig.Ledger config;
    private final BlockingQueue<Pending> queue;
    private final DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private volatile boolean running;

    LedgerWriter(LedgerRepository ledger, Outbox outbox, ConsentConfig config, MeterRegistry meters) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.config = config.ledger();
        this.queue = new ArrayBlockingQueue<>(this.config.queueCapacity());
        this.batchSizes = DistributionSummary.builder("consent.ledger.batch.size")
                .description("Consents written per ledger transaction")
                .register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        for (int i = 0; i < config.writers(); i++) {
            Thread thread = new Thread(this::loop, "ledger-writer-" + i);
            thread.setDaemon(true);
            writers.add(thread);
            thread.start();
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(unavailable("The service is shutting down."));
        }
    }

    /**
     * Writes the entries and events in one transaction (possibly shared with other callers' entries)
     * and returns once it has committed.
     *
     * @throws ProblemException 503 when the queue is full or the commit takes too long
     */
    public void write(List<LedgerEntry> entries, List<ConsentEvent> events) {
        try {
            submit(entries, events).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Queues the entries and events without waiting: the future completes once their transaction has
     * committed (on a writer thread), or fails with a problem (503 when the queue is full or the
     * commit takes longer than {@code consent.ledger.write-timeout}).
     */
    public CompletableFuture<Void> submit(List<LedgerEntry> entries, List<ConsentEvent> events) {
        Pending pending = new Pending(List.copyOf(entries), List.copyOf(events), new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(
                    unavailable("Too many consents are waiting to be recorded; try again shortly."));
        }
        return pending.done()
                .orTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    if (failure == null) {
                        return null;
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof TimeoutException) {
                        throw unavailable("Recording the consent took too long; it may or may not have been recorded.");
                    }
                    if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                });
    }

    private void loop() {
        List<Pending> batch = new ArrayList<>(config.maxBatch());
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatch() - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Ledger writer failed; its batch was answered with errors", e);
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending> batch) {
        try {
            QuarkusTransaction.requiringNew().run(() -> writeAll(batch));
            batchSizes.record(batch.size());
            batch.forEach(p -> p.done().complete(null));
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.errorf(
                        e,
                        "Could not record %d ledger entries",
                        batch.get(0).entries().size());
                batch.get(0)
                        .done()
                        .completeExceptionally(
                                DatabaseOutage.isOutage(e)
                                        ? unavailable("The consent ledger cannot be reached; try again shortly.")
                                        : e);
                return;
            }
            LOG.warnf("A batch of %d consents failed (%s); writing them one by one", batch.size(), e.toString());
            for (Pending pending : batch) {
                commit(List.of(pending));
            }
        }
    }

    private void writeAll(List<Pending> batch) {
        List<LedgerEntry> entries = new ArrayList<>();
        batch.forEach(p -> entries.addAll(p.entries()));
        ledger.append(entries);
        List<ConsentEvent> events = new ArrayList<>();
        batch.forEach(p -> events.addAll(p.events()));
        outbox.publishAll(events);
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(Problem.of("unavailable", "Service unavailable", 503, detail, List.of()));
    }
}
