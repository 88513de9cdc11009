package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.deadline-approaching.v1} and {@code
 * request.deadline-breached.v1} this service reads ({@code daysLeft} only in the former; {@code clock} absent from
 * an older producer's events, which are about the request's answer).
 */
public record RequestDeadline(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        String status,
        @NotNull Instant dueAt,
        Long daysLeft,
        Boolean extended,
        String clock) {

    /** Whether the due date is a pending appeal's decision's ({@code clock} APPEAL), not the request's answer. */
    public boolean isAppeal() {
        return "APPEAL".equals(clock);
    }
}
