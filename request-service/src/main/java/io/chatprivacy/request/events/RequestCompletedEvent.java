package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A rights request was carried out ({@code request.completed.v1}). Key: the account id.
 *
 * <p>{@code subjectEmail} (the consumer's own address) travels so that notification-service can send
 * the completion notice; a request without one (a tag deletion, a visitor-only opt-out) is completed
 * without a letter to the consumer. For a CORRECT request of the field EMAIL it is the <em>corrected</em>
 * address ({@code correction.value} of {@code request.opened.v1}): the one on record was the wrong one.
 *
 * @param requestType one of ACCESS, DELETE, CORRECT, OPT_OUT, LIMIT
 * @param outcome what was done, in a sentence without personal data
 */
public record RequestCompletedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String outcome,
        Instant receivedAt,
        Instant completedAt)
        implements RequestEvent {

    public static final String TYPE = "request.completed.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
