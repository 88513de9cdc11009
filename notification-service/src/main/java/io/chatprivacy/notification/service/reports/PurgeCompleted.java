package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.purge-completed.v1} this service reads;
 * {@code ticketsSkippedLegalHold} was added within v1, so an event without it reads as zero.
 */
public record PurgeCompleted(
        @NotNull UUID requestId,
        @NotNull UUID jobId,
        UUID accountId,
        @NotNull UUID receiptId,
        String tag,
        long chatsDeleted,
        long ticketsDeleted,
        long chatsSkippedLegalHold,
        long ticketsSkippedLegalHold,
        String authorisedBy,
        Instant completedAt) {}
