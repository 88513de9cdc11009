package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.extended.v1} this service reads. */
public record RequestExtended(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String reason,
        Instant dueAt,
        Instant extendedDueAt) {

    @Override
    public String toString() {
        return "RequestExtended[requestId=" + requestId + "]";
    }
}
