package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of deletion-service's {@code deletion.purge-completed.v1} this service reads;
 * {@code ticketsSkippedLegalHold} was added within v1, so an event without it reads as zero.
 */
public record PurgeCompleted(
        UUID requestId,
        UUID jobId,
        UUID accountId,
        UUID receiptId,
        Long chatsDeleted,
        Long ticketsDeleted,
        Long chatsSkippedLegalHold,
        Long ticketsSkippedLegalHold,
        Instant completedAt) {}
