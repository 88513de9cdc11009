package io.chatprivacy.request.messaging.outbound;

import java.time.Instant;
import java.util.UUID;

/**
 * A rights request was opened ({@code request.opened.v1}). Key: the account id.
 *
 * <p>{@code subjectEmail} is the only personal data: deletion-service needs it to find a data
 * subject's chats and tickets. A tag deletion carries the tag and no subject.
 *
 * @param requestType one of ACCESS, DELETE, CORRECT, OPT_OUT, LIMIT
 * @param channel one of CHAT, EMAIL, WEB_FORM, AUTHORIZED_AGENT
 * @param openedBy the user id of the agent or owner who opened it
 */
public record RequestOpenedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String subjectVisitorId,
        String channel,
        String openedBy,
        Instant receivedAt,
        Instant acknowledgeBy,
        Instant dueAt)
        implements RequestEvent {

    public static final String TYPE = "request.opened.v1";
}
