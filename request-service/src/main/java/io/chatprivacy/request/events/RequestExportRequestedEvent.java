package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An agent asked for a fresh copy of an ACCESS request's data because the earlier one never reached the
 * consumer ({@code request.export-requested.v1}). Key: the account id, so it follows the request's
 * {@code request.opened.v1}.
 *
 * <p>deletion-service prepares the copy exactly like the first, once per {@code (requestId, attempt)}. It
 * carries the consumer's identifiers for the same reason {@link RequestOpenedEvent} does: they are what
 * finds the consumer's chats and tickets, and {@code subjectEmail} is where the copy goes.
 *
 * @param attempt 2 for the first re-send, 3 for the next, ... (the copy {@code request.opened.v1} asks for is 1)
 * @param subjectVisitorId the request's visitor id; null when it names none
 * @param requestedBy the user id of the agent or owner who asked
 */
public record RequestExportRequestedEvent(
        UUID requestId,
        UUID accountId,
        int attempt,
        String subjectEmail,
        String subjectVisitorId,
        String requestedBy,
        Instant requestedAt)
        implements RequestEvent {

    public static final String TYPE = "request.export-requested.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
