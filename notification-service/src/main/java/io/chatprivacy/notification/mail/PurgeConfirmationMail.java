package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** What the purge confirmation reports: the scope, the counts, what legal hold kept, and the receipt. */
public record PurgeConfirmationMail(
        String accountName,
        UUID requestId,
        UUID receiptId,
        String tag,
        long chatsDeleted,
        long ticketsDeleted,
        long chatsSkippedLegalHold,
        long ticketsSkippedLegalHold,
        String authorisedBy,
        Instant completedAt) {

    /** Whether a legal hold kept anything back, chats or tickets. */
    public boolean anythingHeld() {
        return chatsSkippedLegalHold > 0 || ticketsSkippedLegalHold > 0;
    }

    public String completedAtText() {
        return MailFormats.utc(completedAt);
    }
}
