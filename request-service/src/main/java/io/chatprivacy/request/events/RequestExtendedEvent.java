package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The response period of a rights request was extended, once ({@code request.extended.v1}). Key: the
 * account id.
 *
 * <p>{@code subjectEmail} (the consumer's own address, as they gave it) and {@code reason} travel so
 * that notification-service can tell the consumer why, as the law requires; {@code tag} lets it word
 * the notice to the account owner for a request without a consumer. As in {@link RequestCompletedEvent},
 * an email correction's {@code subjectEmail} is the corrected address.
 *
 * @param dueAt the original due date, 45 days after receipt
 * @param extendedDueAt the new due date, 45 days later
 * @param extendedBy the user id of the agent or owner who extended it
 */
public record RequestExtendedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String reason,
        Instant dueAt,
        Instant extendedDueAt,
        String extendedBy,
        Instant extendedAt)
        implements RequestEvent {

    public static final String TYPE = "request.extended.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
