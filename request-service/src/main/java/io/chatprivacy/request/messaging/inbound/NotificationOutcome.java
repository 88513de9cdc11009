package io.chatprivacy.request.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields of notification-service's {@code notification.sent.v1} and {@code notification.failed.v1}
 * this service reads ({@code reason}, {@code willRetry} and {@code failedAt} only in the latter).
 */
public record NotificationOutcome(
        UUID notificationId,
        UUID accountId,
        UUID requestId,
        String template,
        Integer attempts,
        Instant sentAt,
        String reason,
        Boolean willRetry,
        Instant failedAt) {}
