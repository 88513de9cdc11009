package io.chatprivacy.notification.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The SMTP relay accepted a mail ({@code notification.sent.v1}). Key: the account id. Published once
 * per mail, in the transaction that marks it sent.
 *
 * @param template VERIFICATION_CODE, PURGE_CONFIRMATION, DECLINE_NOTICE or JOB_LOCKED_NOTICE
 * @param attempts delivery attempts it took, this one included
 */
public record NotificationSentEvent(
        UUID notificationId, UUID accountId, UUID requestId, String template, int attempts, Instant sentAt)
        implements NotificationEvent {

    public static final String TYPE = "notification.sent.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
