package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** What an extension notice says: the new due date and why more time is needed. */
public record ExtensionNoticeMail(
        String accountName,
        UUID requestId,
        String requestType,
        String tag,
        boolean toSubject,
        String reason,
        Instant dueAt,
        Instant extendedDueAt) {

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }

    public String extendedDueAtText() {
        return MailFormats.utc(extendedDueAt);
    }
}
