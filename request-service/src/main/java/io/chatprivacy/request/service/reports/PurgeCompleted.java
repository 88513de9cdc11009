package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * deletion-service's {@code deletion.purge-completed.v1}; {@code ticketsSkippedLegalHold} was added within
 * v1, so an event without it reads as zero.
 */
public record PurgeCompleted(
        @NotNull UUID requestId,
        @NotNull UUID jobId,
        UUID accountId,
        @NotNull UUID receiptId,
        long chatsDeleted,
        long ticketsDeleted,
        long chatsSkippedLegalHold,
        long ticketsSkippedLegalHold,
        Instant completedAt) {}
