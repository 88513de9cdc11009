package io.chatprivacy.consent.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A visitor known to be under 16 was affirmatively opted in to the sale/sharing of their personal information
 * ({@code consent.opted-in.v1}; Cal. Civ. Code §1798.120(c)). Key: the visitor id, so it follows the {@code
 * consent.opted-out.v1} of source {@code MINOR} it lifts, and any later opt-out follows it. An opt-out always wins:
 * a consumer must treat the visitor as opted out when any opt-out other than {@code MINOR} came before or after.
 * Neither the owner who recorded a parent's authorization nor the verification method travels.
 *
 * @param scope {@code SALE_SHARING}
 * @param ageBand the visitor's band when opted in: {@code 13_TO_15} (their own opt-in) or {@code UNDER_13}
 * @param authorizedBy {@code VISITOR} (13 to 15) or {@code PARENT} (under 13, verified by the business)
 */
public record ConsentOptedInEvent(
        UUID optInId,
        UUID accountId,
        String visitorId,
        String scope,
        String ageBand,
        String authorizedBy,
        Instant optedInAt)
        implements ConsentEvent {

    public static final String TYPE = "consent.opted-in.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return optInId.toString();
    }
}
