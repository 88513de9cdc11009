package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/** The fields of request-service's {@code request.extended.v1} this service reads. */
public record RequestExtended(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        @SingleAddress String subjectEmail,
        @NotNull String reason,
        Instant dueAt,
        @NotNull Instant extendedDueAt) {

    /** The consumer's address, or null for a request without one (the owner is told instead). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    @Override
    public String toString() {
        return "RequestExtended[requestId=" + requestId + "]";
    }
}
