package io.chatprivacy.request.events;

import io.chatprivacy.request.domain.DeadlineClock;
import java.time.Instant;
import java.util.UUID;

/**
 * An open rights request passed its (extended) due date unanswered ({@code
 * request.deadline-breached.v1}); published once. Key: the account id. No personal data: the alert
 * goes to the account owner.
 *
 * @param dueAt the effective due date that passed, or the pending appeal's
 * @param clock {@code ANSWER} (the request's answer) or {@code APPEAL} (the decision on the consumer's pending
 *     appeal); an event without it (an older producer) is {@code ANSWER}
 */
public record RequestDeadlineBreachedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String status,
        Instant dueAt,
        boolean extended,
        Instant detectedAt,
        DeadlineClock clock)
        implements RequestEvent {

    public static final String TYPE = "request.deadline-breached.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
