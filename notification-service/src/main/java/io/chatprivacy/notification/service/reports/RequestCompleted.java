package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.completed.v1} this service reads. */
public record RequestCompleted(
        UUID requestId, UUID accountId, String requestType, String subjectEmail, String outcome, Instant completedAt) {

    @Override
    public String toString() {
        return "RequestCompleted[requestId=" + requestId + "]";
    }
}
