package io.chatprivacy.notification.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A mail could not be delivered ({@code notification.failed.v1}). Key: the account id. Published at
 * the first failed attempt, every Nth one after, and when the mail is given up ({@code willRetry}
 * false), so a long outage does not flood the topic.
 *
 * @param reason SMTP_UNAVAILABLE, SMTP_REJECTED, CODE_EXPIRED or CODE_UNREADABLE
 * @param willRetry whether delivery will be attempted again
 */
public record NotificationFailedEvent(
        UUID notificationId,
        UUID accountId,
        UUID requestId,
        String template,
        int attempts,
        String reason,
        boolean willRetry,
        Instant failedAt)
        implements NotificationEvent {

    public static final String TYPE = "notification.failed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
