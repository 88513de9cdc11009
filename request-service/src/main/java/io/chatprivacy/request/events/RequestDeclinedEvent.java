package io.chatprivacy.request.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The owner declined a rights request ({@code request.declined.v1}). Key: the account id.
 *
 * <p>{@code tag} and {@code subjectEmail} repeat the request's scope so that notification-service can
 * word the decline notice and send it to the data subject when there is one (to the account owner
 * otherwise) without keeping a copy of every request. As in {@link RequestCompletedEvent}, an email
 * correction's {@code subjectEmail} is the corrected address.
 *
 * @param reason one of BUSINESS_NECESSITY, LEGAL_HOLD, SERVICE_PROVIDER_NEED, CANNOT_VERIFY
 * @param note the owner's note, or for a CANNOT_VERIFY decline on deletion-service's report a note built
 *     from that report (no personal data)
 * @param declinedBy the user id of the owner who declined it; null when deletion-service found nothing to
 *     verify a correction against and the request was declined on its report
 */
public record RequestDeclinedEvent(
        UUID requestId,
        UUID accountId,
        String requestType,
        String tag,
        String subjectEmail,
        String reason,
        String note,
        String declinedBy,
        Instant declinedAt)
        implements RequestEvent {

    public static final String TYPE = "request.declined.v1";

    @Override
    public String type() {
        return TYPE;
    }
}
