package io.chatprivacy.deletion.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/** The code's window passed unused; nothing was deleted ({@code deletion.job-expired.v1}). */
public record JobExpiredEvent(UUID requestId, UUID jobId, UUID accountId, Instant expiredAt) implements DeletionEvent {

    public static final String TYPE = "deletion.job-expired.v1";

    @Override
    @JsonIgnore
    public UUID eventSubject() {
        return jobId;
    }

    @Override
    @JsonIgnore
    public String type() {
        return TYPE;
    }
}
