package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.completed.v1} this service reads. */
public record RequestCompleted(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        @SingleAddress String subjectEmail,
        String outcome,
        Instant completedAt) {

    /** The consumer's address, or null for a request without one (a tag deletion). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "RequestCompleted[requestId=" + requestId + "]";
    }
}
