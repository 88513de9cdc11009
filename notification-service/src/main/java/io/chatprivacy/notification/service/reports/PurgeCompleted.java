package io.chatprivacy.notification.messaging.inbound;

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
        String tag,
        Long chatsDeleted,
        Long ticketsDeleted,
        Long chatsSkippedLegalHold,
        Long ticketsSkippedLegalHold,
        String authorisedBy,
        Instant completedAt) {}
