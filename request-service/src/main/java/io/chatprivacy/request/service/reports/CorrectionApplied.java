package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * deletion-service's {@code deletion.correction-applied.v1}: the field and the counts, never the value.
 * Items matched carry the consumer's identifiers; items corrected are those actually changed.
 */
public record CorrectionApplied(
        @NotNull UUID correctionId,
        @NotNull UUID requestId,
        UUID accountId,
        @NotNull String field,
        long chatsMatched,
        long ticketsMatched,
        long chatsCorrected,
        long ticketsCorrected,
        Instant appliedAt) {}
