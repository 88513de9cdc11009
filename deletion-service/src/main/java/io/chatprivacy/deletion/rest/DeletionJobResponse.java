package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.DeletionJob;
import io.chatprivacy.deletion.domain.JobStatus;
import java.time.Instant;
import java.util.UUID;

/** Where a request's deletion job stands (its newest job). */
public record DeletionJobResponse(
        UUID requestId,
        UUID jobId,
        JobStatus status,
        String tag,
        int chatCount,
        int ticketCount,
        Instant codeIssuedAt,
        Instant codeExpiresAt,
        int failedAttempts,
        int remainingAttempts,
        int chatsDeleted,
        int ticketsDeleted,
        UUID receiptId) {

    static DeletionJobResponse of(DeletionJob job, int maxAttempts) {
        return new DeletionJobResponse(
                job.requestId(),
                job.id(),
                job.status(),
                job.tag(),
                job.chatCount(),
                job.ticketCount(),
                job.codeIssuedAt(),
                job.codeExpiresAt(),
                job.failedAttempts(),
                job.status() == JobStatus.AWAITING_VERIFICATION ? job.remainingAttempts(maxAttempts) : 0,
                job.chatsDeleted(),
                job.ticketsDeleted(),
                job.receiptId());
    }
}
