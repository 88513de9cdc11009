package io.chatprivacy.consent.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A visitor granted consents on a form version ({@code consent.granted.v1}). Key: the visitor id.
 * Each consent comes with the SHA-256 of the exact text shown, so a consumer can prove which text
 * was agreed to without ever holding it.
 *
 * @param receiptId the ledger entry and the receipt the visitor holds
 * @param gpc whether the browser sent Global Privacy Control with the grant (an opt-out event follows)
 */
public record ConsentGrantedEvent(
        UUID receiptId,
        UUID accountId,
        String visitorId,
        int formVersion,
        List<GrantedConsent> consents,
        boolean gpc,
        Instant grantedAt)
        implements ConsentEvent {

    public static final String TYPE = "consent.granted.v1";

    /** One consent ticked, and the hash of its text. */
    public record GrantedConsent(String consentId, String textSha256) {}

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return receiptId.toString();
    }
}
