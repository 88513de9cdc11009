package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of deletion-service's {@code deletion.correction-applied.v1} this service reads. */
public record CorrectionApplied(
        UUID correctionId,
        UUID requestId,
        UUID accountId,
        String field,
        Long chatsMatched,
        Long ticketsMatched,
        Long chatsCorrected,
        Long ticketsCorrected,
        Instant appliedAt) {}
