package io.chatprivacy.consent.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.service.ConsentHistoryService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A visitor's or an email's consent history, oldest first, with the exact texts agreed to. */
public record ConsentHistoryResponse(UUID accountId, List<Entry> entries) {

    /**
     * One ledger entry; fields that do not apply to its kind are left out.
     *
     * @param kind {@code GRANTED}, {@code REVOKED}, {@code OPTED_OUT} or {@code OPTED_IN}
     * @param consents for a grant: each consent agreed to, with its exact text and that text's SHA-256
     * @param revokes for a revocation: the receipt revoked
     * @param ageBand for a minor's default opt-out ({@code source} {@code MINOR}) and an opt-in: the age band
     * @param optedInBy for an opt-in ({@code OPTED_IN}): {@code VISITOR} or {@code PARENT}
     * @param verificationMethod for a parent's authorization: how the business verified the parent
     * @param recordedBy the user id of the agent or owner who recorded the entry, when one did
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(
            UUID entryId,
            String kind,
            Instant recordedAt,
            String visitorId,
            Integer formVersion,
            List<AgreedConsent> consents,
            UUID revokes,
            String revokedBy,
            String reason,
            String scope,
            String source,
            UUID requestId,
            boolean gpc,
            String userAgent,
            String ageBand,
            String optedInBy,
            String verificationMethod,
            String recordedBy) {}

    /** A consent agreed to, worded exactly as shown. */
    public record AgreedConsent(String id, String label, boolean required, String textSha256) {}

    static ConsentHistoryResponse of(UUID accountId, List<ConsentHistoryService.HistoryItem> items) {
        return new ConsentHistoryResponse(
                accountId, items.stream().map(ConsentHistoryResponse::entry).toList());
    }

    private static Entry entry(ConsentHistoryService.HistoryItem item) {
        LedgerEntry e = item.entry();
        List<AgreedConsent> consents = e.formVersion() == null
                ? null
                : item.agreedTo().stream()
                        .map(c -> new AgreedConsent(c.id(), c.label(), c.required(), c.textSha256()))
                        .toList();
        return new Entry(
                e.id(),
                e.kind().name(),
                e.recordedAt(),
                e.visitorId(),
                e.formVersion(),
                consents,
                e.revokes(),
                e.revokedBy() == null ? null : e.revokedBy().name(),
                e.reason(),
                e.scope() == null ? null : e.scope().name(),
                e.source() == null ? null : e.source().name(),
                e.requestId(),
                e.gpc(),
                e.userAgent(),
                e.ageBand() == null ? null : e.ageBand().wire(),
                e.optedInBy() == null ? null : e.optedInBy().name(),
                e.verificationMethod(),
                e.actor());
    }
}
