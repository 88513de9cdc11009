package io.chatprivacy.request.events;

import io.chatprivacy.request.domain.DeadlineClock;
import java.time.Instant;
import java.util.UUID;

/**
 * An open rights request is a few days from its (extended) due date ({@code
 * request.deadline-approaching.v1}); published once per due date. Key: the account id. No personal
 * data: the reminder goes to the account owner.
 *
 * @param status the request's status ({@code DECLINED} while an appeal of the decline is pending)
 * @param dueAt the effective due date (the extended one when extended), or the pending appeal's
 * @param daysLeft calendar days from now to the due date
 * @param clock {@code ANSWER} (the request's answer) or {@code APPEAL} (the decision on the consumer's pending
 *     appeal); an event without it (an older producer) is {@code ANSWER}
 */
public record RequestDeadlineApproachingEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String status,
        Instant dueAt,
        int daysLeft,
        boolean extended,
        Instant detectedAt,
        DeadlineClock clock)
        implements RequestEvent {

    public static final String TYPE = "request.deadline-approaching.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
