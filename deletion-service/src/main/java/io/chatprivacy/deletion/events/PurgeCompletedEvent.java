package io.chatprivacy.deletion.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The purge is done and its receipt written ({@code deletion.purge-completed.v1}); published once per
 * job, in the transaction that completes it. request-service completes the request; notification-service
 * sends the confirmation.
 *
 * @param tag the purged tag, or null for a data subject's deletion
 * @param chatsSkippedLegalHold chats that carried the tag but were kept for a legal hold
 * @param ticketsSkippedLegalHold tickets that carried the tag but were kept for a legal hold (added within
 *     v1: consumers written before it simply do not read it)
 * @param authorisedBy a pseudonym ({@code user:<hex>}) of the user who presented the code, never an address
 */
public record PurgeCompletedEvent(
        UUID requestId,
        UUID jobId,
        UUID accountId,
        UUID receiptId,
        String tag,
        int chatsDeleted,
        int ticketsDeleted,
        int chatsSkippedLegalHold,
        int ticketsSkippedLegalHold,
        String authorisedBy,
        Instant completedAt)
        implements DeletionEvent {

    public static final String TYPE = "deletion.purge-completed.v1";

    @Override
    public String subject() {
        return jobId.toString();
    }

    @Override
    public String type() {
        return TYPE;
    }
}
