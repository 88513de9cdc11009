package io.chatprivacy.deletion.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The periodic work: expiring unused codes, resuming unfinished purges and sweeping expired exports (tests
 * call those directly).
 */
@ApplicationScoped
class Sweeps {

    private final DeletionJobService jobs;
    private final PurgeRunner runner;
    private final ExportService exports;

    Sweeps(DeletionJobService jobs, PurgeRunner runner, ExportService exports) {
        this.jobs = jobs;
        this.runner = runner;
        this.exports = exports;
    }

    @Scheduled(
            every = "${deletion.verification.expiry-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expireCodes() {
        jobs.expireOverdue();
    }

    @Scheduled(every = "${deletion.purge.resume-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void resumePurges() {
        runner.resumeInterrupted();
    }

    @Scheduled(
            every = "${deletion.export.expiry-sweep-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweepExports() {
        exports.sweepExpired();
    }
}
