package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What a receipt confirmation tells the consumer: what they asked, when it arrived, and by when they hear back.
 *
 * @param statusUrl for a request made on the privacy center, its status page without the token (the token is
 *     a secret: it is added only to the mail as sent); null otherwise
 */
public record ReceiptConfirmationMail(
        String accountName, UUID requestId, String requestType, Instant receivedAt, Instant dueAt, String statusUrl) {

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    /** Opt-outs and limits are acted on without verifying identity. */
    public boolean needsVerification() {
        return !"OPT_OUT".equals(requestType) && !"LIMIT".equals(requestType);
    }

    public String receivedAtText() {
        return MailFormats.utc(receivedAt);
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }
}
