package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** deletion-service's {@code deletion.job-locked.v1}: too many wrong codes. */
public record JobLocked(
        @NotNull UUID requestId, @NotNull UUID jobId, UUID accountId, int failedAttempts, Instant lockedAt) {}
