package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What a consumer's verification mail (privacy center) says besides the code: which business, which right they
 * asked for, until when the code is valid and whether it replaces an earlier one. Stored with the queued mail (it
 * holds no secret); the intake id is the associated data the code is sealed with. {@code codePageUrl} is the
 * privacy center's page where the code is typed (a request an authorised agent made for the consumer was not made
 * on a page the consumer has open).
 */
public record ConsumerCodeMail(
        String accountName,
        UUID accountId,
        UUID intakeId,
        String requestType,
        Instant expiresAt,
        int codeNumber,
        String codePageUrl) {

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    /** A new code asked for on the page: the earlier ones no longer work. */
    public boolean replacesEarlierCode() {
        return codeNumber > 1;
    }

    /** The expiry as the mail writes it. */
    public String expiresAtText() {
        return MailFormats.utc(expiresAt);
    }
}
