package io.chatprivacy.consent.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A grant was revoked ({@code consent.revoked.v1}). Key: the visitor id, so it follows the grant it
 * revokes. The agent's free-text reason stays in the ledger (it may name the person).
 *
 * @param revokedBy {@code VISITOR} (from the widget) or {@code AGENT} (on the visitor's behalf)
 */
public record ConsentRevokedEvent(
        UUID revocationId, UUID receiptId, UUID accountId, String visitorId, String revokedBy, Instant revokedAt)
        implements ConsentEvent {

    public static final String TYPE = "consent.revoked.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return revocationId.toString();
    }
}
