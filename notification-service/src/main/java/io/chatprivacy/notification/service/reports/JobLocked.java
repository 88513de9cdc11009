package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The fields of deletion-service's {@code deletion.job-locked.v1} this service reads. */
public record JobLocked(
        @NotNull UUID requestId, @NotNull UUID jobId, UUID accountId, int failedAttempts, Instant lockedAt) {}
