package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the verification mail says besides the code: which account, what will be deleted, until when
 * the code is valid and where to present it. Stored with the queued mail (it holds no secret).
 */
public record VerificationCodeMail(
        String accountName,
        UUID accountId,
        UUID requestId,
        UUID jobId,
        String tag,
        long chatCount,
        long ticketCount,
        Instant expiresAt,
        String verificationUrl) {

    /** The expiry as the mail writes it. */
    public String expiresAtText() {
        return MailFormats.utc(expiresAt);
    }
}
