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
        String authorisedBy,
        Instant completedAt) {

    public String completedAtText() {
        return MailFormats.utc(completedAt);
    }
}
