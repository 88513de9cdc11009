package io.chatprivacy.notification.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.notification.domain.OutgoingMail;
import java.time.Instant;
import java.util.UUID;

/** One entry of the delivery log: what was sent, to whom, when, and how delivery went. Never the body. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationResponse(
        UUID notificationId,
        UUID requestId,
        String template,
        String recipient,
        String subject,
        String status,
        int attempts,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant sentAt,
        String failureReason,
        String lastError) {

    static NotificationResponse of(OutgoingMail mail) {
        boolean pending = mail.status() == io.chatprivacy.notification.domain.MailStatus.PENDING;
        return new NotificationResponse(
                mail.id(),
                mail.requestId(),
                mail.template().name(),
                mail.recipient(),
                mail.subject(),
                mail.status().name(),
                mail.attempts(),
                mail.createdAt(),
                pending ? mail.nextAttemptAt() : null,
                mail.sentAt(),
                mail.failureReason() == null ? null : mail.failureReason().name(),
                mail.lastError());
    }
}
