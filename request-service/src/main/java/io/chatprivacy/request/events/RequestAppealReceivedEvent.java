package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The consumer appealed the decline of their request ({@code request.appeal-received.v1}), in a jurisdiction whose
 * pack grants an appeal. Key: the account id. The consumer's statement stays in request-service.
 *
 * @param jurisdiction the request's jurisdiction (VA, CO, CT, OR, TX)
 * @param subjectEmail where the consumer is written to (as in {@link RequestDeclinedEvent}); null for a tag deletion
 * @param appealedBy the user id of the agent or owner who logged the appeal
 * @param receivedAt when the appeal was received
 * @param dueAt when the decision is due, by the jurisdiction's appeal clock
 */
public record RequestAppealReceivedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String jurisdiction,
        String tag,
        String subjectEmail,
        String appealedBy,
        Instant receivedAt,
        Instant dueAt)
        implements RequestEvent {

    public static final String TYPE = "request.appeal-received.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
