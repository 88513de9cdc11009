package io.chatprivacy.notification.messaging.inbound;

import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.opened.v1} this service reads (for the receipt confirmation). */
public record RequestOpened(
        UUID requestId, UUID accountId, String requestType, String subjectEmail, Instant receivedAt, Instant dueAt) {

    @Override
    public String toString() {
        return "RequestOpened[requestId=" + requestId + "]";
    }
}
