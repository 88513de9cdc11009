package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of deletion-service's {@code deletion.job-locked.v1} this service reads. */
public record JobLocked(UUID requestId, UUID jobId, UUID accountId, Integer failedAttempts, Instant lockedAt) {}
