package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the lock notice says: which request, how many wrong codes, and where to ask for a new code
 * ({@code newCodeUrl}).
 */
public record JobLockedMail(
        String accountName, UUID requestId, String tag, int failedAttempts, Instant lockedAt, String newCodeUrl) {

    public String lockedAtText() {
        return MailFormats.utc(lockedAt);
    }
}
