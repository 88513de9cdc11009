package io.chatprivacy.consent.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of the append-only consent ledger. Rows are only ever added: a revocation is a new row
 * pointing at the grant it revokes, an opt-out is a new row. Personal data appears only
 * pseudonymised ({@code emailHmac}, {@code ipHash}).
 *
 * @param id the entry id; for a grant, the receipt id handed to the visitor
 */
public record LedgerEntry(
        UUID id,
        UUID accountId,
        EntryKind kind,
        String visitorId,
        String emailHmac,
        Integer formVersion,
        List<String> consentIds,
        List<String> textSha256s,
        UUID revokes,
        Revoker revokedBy,
        String actor,
        String reason,
        OptOutScope scope,
        OptOutSource source,
        UUID requestId,
        boolean gpc,
        String userAgent,
        String ipHash,
        Instant recordedAt,
        AgeBand ageBand,
        OptInBy optedInBy,
        String verificationMethod) {

    /** A visitor's grant of the consents they ticked on a form version, with the hash of each text shown. */
    public static LedgerEntry grant(
            UUID receiptId,
            UUID accountId,
            String visitorId,
            String emailHmac,
            int formVersion,
            List<FormDefinition.Consent> granted,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        return new LedgerEntry(
                receiptId,
                accountId,
                EntryKind.GRANTED,
                visitorId,
                emailHmac,
                formVersion,
                granted.stream().map(FormDefinition.Consent::id).toList(),
                granted.stream().map(FormDefinition.Consent::textSha256).toList(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                gpc,
                userAgent,
                ipHash,
                at,
                null,
                null,
                null);
    }

    /** The revocation of one grant; it copies the grant's visitor and email index so histories find it. */
    public static LedgerEntry revocation(
            UUID id,
            UUID accountId,
            UUID receiptId,
            String visitorId,
            String emailHmac,
            Revoker by,
            String actor,
            String reason,
            String userAgent,
            String ipHash,
            Instant at) {
        return new LedgerEntry(
                id,
                accountId,
                EntryKind.REVOKED,
                visitorId,
                emailHmac,
                null,
                null,
                null,
                receiptId,
                by,
                actor,
                reason,
                null,
                null,
                null,
                false,
                userAgent,
                ipHash,
                at,
                null,
                null,
                null);
    }

    /** An opt-out (or limit) for a visitor and/or an email. */
    public static LedgerEntry optOut(
            UUID id,
            UUID accountId,
            String visitorId,
            String emailHmac,
            OptOutScope scope,
            OptOutSource source,
            UUID requestId,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        return new LedgerEntry(
                id,
                accountId,
                EntryKind.OPTED_OUT,
                visitorId,
                emailHmac,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                scope,
                source,
                requestId,
                gpc,
                userAgent,
                ipHash,
                at,
                null,
                null,
                null);
    }

    /**
     * A visitor known to be under 16: treated as opted out of sale/sharing until an opt-in (source {@link
     * OptOutSource#MINOR}, with the age band). {@code actor} is the agent or owner who recorded the age, or null
     * when the widget reported it.
     */
    public static LedgerEntry minor(
            UUID id,
            UUID accountId,
            String visitorId,
            String emailHmac,
            AgeBand band,
            String actor,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        return new LedgerEntry(
                id,
                accountId,
                EntryKind.OPTED_OUT,
                visitorId,
                emailHmac,
                null,
                null,
                null,
                null,
                null,
                actor,
                null,
                OptOutScope.SALE_SHARING,
                OptOutSource.MINOR,
                null,
                gpc,
                userAgent,
                ipHash,
                at,
                band,
                null,
                null);
    }

    /**
     * An opt-in to sale/sharing of a visitor known to be under 16: the visitor's own (13 to 15), or a parent's
     * authorization recorded by an owner ({@code actor}) with the method by which the business verified the parent.
     */
    public static LedgerEntry optIn(
            UUID id,
            UUID accountId,
            String visitorId,
            AgeBand band,
            OptInBy by,
            String actor,
            String verificationMethod,
            String userAgent,
            String ipHash,
            Instant at) {
        return new LedgerEntry(
                id,
                accountId,
                EntryKind.OPTED_IN,
                visitorId,
                null,
                null,
                null,
                null,
                null,
                null,
                actor,
                null,
                OptOutScope.SALE_SHARING,
                null,
                null,
                false,
                userAgent,
                ipHash,
                at,
                band,
                by,
                verificationMethod);
    }
}
