package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of deletion-service's {@code deletion.job-expired.v1} this service reads. */
public record JobExpired(UUID requestId, UUID jobId, UUID accountId, Instant expiredAt) {}
