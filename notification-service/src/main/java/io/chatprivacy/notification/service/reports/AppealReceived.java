package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.appeal-received.v1} this service reads. */
public record AppealReceived(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        String jurisdiction,
        @SingleAddress String subjectEmail,
        Instant receivedAt,
        @NotNull Instant dueAt) {

    /** The consumer's address, or null for a request without one (a tag deletion, a visitor-only request). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "AppealReceived[requestId=" + requestId + "]";
    }
}
