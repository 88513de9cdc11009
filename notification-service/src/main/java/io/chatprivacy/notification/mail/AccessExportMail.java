package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the access mail says besides the data itself: whose data, which request and export, how much,
 * as of when. Stored with the queued mail (no secret, no content); the chats and tickets are fetched
 * at send time.
 */
public record AccessExportMail(
        String accountName,
        UUID accountId,
        UUID requestId,
        UUID exportId,
        long chatCount,
        long ticketCount,
        Instant preparedAt,
        Instant expiresAt) {

    /** The attachment's file name, the same the mail body quotes. */
    public String attachmentName() {
        return "chat-data-" + requestId + ".json";
    }

    public String preparedAtText() {
        return MailFormats.utc(preparedAt);
    }
}
