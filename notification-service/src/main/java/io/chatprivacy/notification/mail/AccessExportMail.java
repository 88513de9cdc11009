package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the access mail says: whose data, which request and export, how much, which dates it covers, until when,
 * and where to open it. Stored with the queued mail (no secret, no content); the link's token is added only to
 * the mail as sent.
 *
 * @param coversFrom the copy holds what was collected from then on; null in an event from before it was sent
 * @param copyUrl the privacy center's copy page without the token
 */
public record AccessExportMail(
        String accountName,
        UUID accountId,
        UUID requestId,
        UUID exportId,
        long chatCount,
        long ticketCount,
        Instant preparedAt,
        Instant expiresAt,
        Instant coversFrom,
        String copyUrl) {

    public String preparedAtText() {
        return MailFormats.utc(preparedAt);
    }

    public String expiresAtText() {
        return MailFormats.utc(expiresAt);
    }

    /** The first day the copy covers, as a date. */
    public String coversFromText() {
        return coversFrom == null ? null : MailFormats.date(coversFrom);
    }
}
