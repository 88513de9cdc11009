package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.declined.v1} this service reads. */
public record RequestDeclined(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String reason,
        String note,
        Instant declinedAt) {

    @Override
    public String toString() {
        return "RequestDeclined[requestId=" + requestId + "]";
    }
}
