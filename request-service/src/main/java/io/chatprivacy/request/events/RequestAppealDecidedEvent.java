package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The owner decided a consumer's appeal ({@code request.appeal-decided.v1}). Key: the account id. What the decision
 * notice needs: the decision and its explanation, the statute it is made under, and, when the appeal is denied
 * ({@code UPHELD}), how the consumer may contact the state attorney general, as the statute requires.
 *
 * @param decision UPHELD (the decline stands) or REVERSED (the request is open again, to be carried out by {@code
 *     dueAt})
 * @param explanation the owner's explanation, free text for the consumer
 * @param attorneyGeneralContact the pack's words on contacting the attorney general; null for a reversal
 * @param citation the statute section the appeal rests on
 * @param dueAt the appeal's due date: for a reversal, when the request must now be carried out
 */
public record RequestAppealDecidedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String jurisdiction,
        String tag,
        String subjectEmail,
        String decision,
        String explanation,
        String attorneyGeneralContact,
        String citation,
        String decidedBy,
        Instant decidedAt,
        Instant dueAt)
        implements RequestEvent {

    public static final String TYPE = "request.appeal-decided.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
