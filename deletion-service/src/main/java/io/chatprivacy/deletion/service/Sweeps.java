package io.chatprivacy.deletion.service;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/** The periodic work: expiring unused codes and resuming unfinished purges (tests call those directly). */
@ApplicationScoped
class Sweeps {

    private final DeletionJobService jobs;
    private final PurgeRunner runner;

    Sweeps(DeletionJobService jobs, PurgeRunner runner) {
        this.jobs = jobs;
        this.runner = runner;
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
}
