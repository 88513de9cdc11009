package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A rights request was opened ({@code request.opened.v1}). Key: the account id.
 *
 * <p>The personal data it carries is what the consumers need to act: {@code subjectEmail} and
 * {@code subjectVisitorId} let deletion-service find a data subject's chats and tickets (to delete, export
 * or correct them) and consent-service apply an opt-out; notification-service confirms receipt to
 * {@code subjectEmail} (to {@code correction.value} for an email correction). A tag deletion carries the
 * tag and no subject.
 *
 * @param requestType one of ACCESS, DELETE, CORRECT, OPT_OUT, LIMIT
 * @param channel one of CHAT, EMAIL, WEB_FORM, AUTHORIZED_AGENT
 * @param openedBy the user id of the agent or owner who opened it
 * @param receivedAt when the request reached the business (given by the agent, or when it was logged); the
 *     statutory dates count from it
 * @param correction what a CORRECT request asks to correct; null for every other type
 * @param sealedStatusToken for a request made in the privacy center: the token of its status page, sealed like a
 *     code (AES-256-GCM under {@code CODE_TRANSPORT_KEY}, associated data {@code "status|" + requestId}) for
 *     notification-service to put a link in the receipt mail; null for a request opened by an agent or owner
 * @param jurisdiction the two-letter code of the jurisdiction whose pack decides the request's rights and clocks
 *     (added in schema 1.x; absent from events published before, which were all California's)
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
        Instant dueAt,
        Correction correction,
        String sealedStatusToken,
        String jurisdiction)
        implements RequestEvent {

    public static final String TYPE = "request.opened.v1";

    /** A California request opened by an agent or owner: no status link (the tests' and older callers' shape). */
    public RequestOpenedEvent(
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
            Instant dueAt,
            Correction correction) {
        this(
                requestId,
                accountId,
                requestType,
                tag,
                subjectEmail,
                subjectVisitorId,
                channel,
                openedBy,
                receivedAt,
                acknowledgeBy,
                dueAt,
                correction,
                null,
                "CA");
    }

    @Override
    public String type() {
        return TYPE;
    }

    /**
     * The field to correct and its corrected value (personal data: deletion-service writes it into the
     * vault). For {@code EMAIL} the consumer is identified by {@code subjectVisitorId}, and
     * {@code subjectEmail}, when given, is the wrong address being replaced.
     *
     * @param field EMAIL or NAME
     */
    public record Correction(String field, String value) {}
}
