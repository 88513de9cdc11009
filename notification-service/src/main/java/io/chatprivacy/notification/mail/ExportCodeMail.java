package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the mail with the code that opens an access copy says besides the code: which business, until when the
 * code is valid and whether it replaces an earlier one. Stored with the queued mail (it holds no secret); the
 * export id is the associated data the code is sealed with.
 */
public record ExportCodeMail(
        String accountName, UUID accountId, UUID requestId, UUID exportId, Instant expiresAt, int codeNumber) {

    /** A new code asked for on the page: the earlier ones no longer work. */
    public boolean replacesEarlierCode() {
        return codeNumber > 1;
    }

    public String expiresAtText() {
        return MailFormats.utc(expiresAt);
    }
}
