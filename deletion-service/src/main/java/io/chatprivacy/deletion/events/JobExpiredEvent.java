package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/** The code's window passed unused; nothing was deleted ({@code deletion.job-expired.v1}). */
public record JobExpiredEvent(UUID requestId, UUID jobId, UUID accountId, Instant expiredAt) implements DeletionEvent {

    public static final String TYPE = "deletion.job-expired.v1";

    @Override
    public String subject() {
        return jobId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
