package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An open rights request is a few days from its (extended) due date ({@code
 * request.deadline-approaching.v1}); published once per due date. Key: the account id. No personal
 * data: the reminder goes to the account owner.
 *
 * @param dueAt the effective due date (the extended one when extended)
 * @param daysLeft calendar days from now to the due date
 */
public record RequestDeadlineApproachingEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String status,
        Instant dueAt,
        int daysLeft,
        boolean extended,
        Instant detectedAt)
        implements RequestEvent {

    public static final String TYPE = "request.deadline-approaching.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
