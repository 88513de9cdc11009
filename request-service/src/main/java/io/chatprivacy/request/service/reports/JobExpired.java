package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** deletion-service's {@code deletion.job-expired.v1}: the code was never presented. */
public record JobExpired(@NotNull UUID requestId, @NotNull UUID jobId, UUID accountId, Instant expiredAt) {}
