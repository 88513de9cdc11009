package io.chatprivacy.request.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * notification-service's {@code notification.sent.v1} and {@code notification.failed.v1} ({@code reason},
 * {@code willRetry} and {@code failedAt} only in the latter); {@code requestId} only for a mail about a request.
 */
public record NotificationOutcome(
        @NotNull UUID notificationId,
        UUID accountId,
        UUID requestId,
        String template,
        int attempts,
        Instant sentAt,
        String reason,
        boolean willRetry,
        Instant failedAt) {

    /** Why the mail failed, {@code UNKNOWN} when the event does not say. */
    public String reasonOrUnknown() {
        return reason == null ? "UNKNOWN" : reason;
    }
}
