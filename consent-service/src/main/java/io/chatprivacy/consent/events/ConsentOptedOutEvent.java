package io.chatprivacy.consent.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A visitor or an email opted out ({@code consent.opted-out.v1}). Key: the visitor id, or the
 * account id when the opt-out names only an email (the email itself never travels).
 *
 * @param visitorId the visitor, or null for an email-only opt-out from a rights request
 * @param scope {@code SALE_SHARING} (opt-out of sale/sharing; what GPC means) or {@code LIMIT_SENSITIVE}
 * @param source {@code GPC}, {@code WIDGET}, {@code REQUEST} or {@code LINKED} (an existing opt-out
 *     extended to a newly learnt identifier)
 * @param requestId the rights request this answers, for {@code REQUEST}; otherwise null
 */
public record ConsentOptedOutEvent(
        UUID optOutId,
        UUID accountId,
        String visitorId,
        String scope,
        String source,
        UUID requestId,
        Instant optedOutAt)
        implements ConsentEvent {

    public static final String TYPE = "consent.opted-out.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return optOutId.toString();
    }
}
