package io.chatprivacy.deletion.service;

import io.chatprivacy.deletion.config.DeletionConfig;
import io.chatprivacy.deletion.persistence.DeletionJobRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Drives authorised purges to the end on a small pool of its own threads, and resumes the ones a crash
 * or restart interrupted: at start-up and then periodically it picks up every job still PURGING. Two
 * runners on one job (two replicas, say) are harmless: each chunk locks the job row, and only the
 * runner that finds work left does any.
 */
@ApplicationScoped
public class PurgeRunner {

    private static final Logger LOG = Logger.getLogger(PurgeRunner.class);
    private static final int ATTEMPTS_PER_STEP = 5;

    private final PurgeService purges;
    private final DeletionJobRepository jobs;
    private final ExecutorService executor;
    private final Map<UUID, CompletableFuture<Void>> running = new ConcurrentHashMap<>();

    PurgeRunner(PurgeService purges, DeletionJobRepository jobs, DeletionConfig config) {
        this.purges = purges;
        this.jobs = jobs;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(config.purge().workers(), task -> {
            Thread thread = new Thread(task, "purge-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void onStart(@Observes StartupEvent event) {
        resumeInterrupted();
    }

    void onStop(@Observes ShutdownEvent event) {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the job's purge to the end unless this instance already does; completes when it is done. */
    public synchronized CompletableFuture<Void> run(UUID jobId) {
        CompletableFuture<Void> current = running.get(jobId);
        if (current != null) {
            return current;
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.put(jobId, done);
        executor.execute(() -> {
            try {
                runToEnd(jobId);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            } finally {
                running.remove(jobId, done);
            }
        });
        return done;
    }

    /** Picks up every purge left unfinished (by a crash, a restart, a failure); returns their runs. */
    public List<CompletableFuture<Void>> resumeInterrupted() {
        List<UUID> ids = QuarkusTransaction.requiringNew().call(jobs::purging);
        List<CompletableFuture<Void>> runs = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            if (!running.containsKey(id)) {
                LOG.infof("Resuming the purge of deletion job %s", id);
            }
            runs.add(run(id));
        }
        return runs;
    }

    private void runToEnd(UUID jobId) {
        int failures = 0;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                if (purges.step(jobId)) {
                    return;
                }
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                if (failures >= ATTEMPTS_PER_STEP) {
                    LOG.errorf(e, "Purge of deletion job %s failed %d times; it resumes later", jobId, failures);
                    throw e;
                }
                LOG.warnf(
                        "Purge step of deletion job %s failed (attempt %d), retrying: %s",
                        jobId, failures, e.getClass().getSimpleName());
                try {
                    Thread.sleep(100L << failures);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
