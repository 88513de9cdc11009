package io.chatprivacy.consent.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A visitor or an email opted out ({@code consent.opted-out.v1}). Key: the visitor id, or the
 * account id when the opt-out names only an email (the email itself never travels).
 *
 * @param visitorId the visitor, or null for an email-only opt-out from a rights request
 * @param scope {@code SALE_SHARING} (opt-out of sale/sharing; what GPC means) or {@code LIMIT_SENSITIVE}
 * @param source {@code GPC}, {@code WIDGET}, {@code REQUEST}, {@code LINKED} (an existing opt-out
 *     extended to a newly learnt identifier) or {@code MINOR} (the visitor is known to be under 16 and is
 *     treated as opted out of sale/sharing until a {@code consent.opted-in.v1}; Cal. Civ. Code §1798.120(d))
 * @param requestId the rights request this answers, for {@code REQUEST}; otherwise null
 * @param ageBand for {@code MINOR}: {@code UNDER_13} or {@code 13_TO_15}; otherwise null (an optional field,
 *     added after the first release: readers must accept its absence)
 */
public record ConsentOptedOutEvent(
        UUID optOutId,
        UUID accountId,
        String visitorId,
        String scope,
        String source,
        UUID requestId,
        Instant optedOutAt,
        String ageBand)
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
