package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * deletion-service's {@code deletion.correction-rejected.v1}; {@code detail} is a sentence without personal
 * data, {@code reason} {@code NO_MATCHING_DATA} (any other is treated alike).
 */
public record CorrectionRejected(
        @NotNull UUID requestId, UUID accountId, String field, String reason, String detail, Instant rejectedAt) {}
