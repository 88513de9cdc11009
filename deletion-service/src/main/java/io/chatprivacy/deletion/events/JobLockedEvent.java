package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Too many wrong codes: the job is locked and its code dead ({@code deletion.job-locked.v1}). The owner
 * may ask for a new code, which opens a new job for the same request.
 */
public record JobLockedEvent(UUID requestId, UUID jobId, UUID accountId, int failedAttempts, Instant lockedAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.job-locked.v1";

    @Override
    public String subject() {
        return jobId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
