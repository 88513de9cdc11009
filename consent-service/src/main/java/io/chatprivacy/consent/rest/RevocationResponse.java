package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.RevocationService;
import java.time.Instant;
import java.util.UUID;

/** A revocation in the ledger. */
public record RevocationResponse(
        UUID revocationId, UUID receiptId, String visitorId, String revokedBy, Instant revokedAt) {

    static RevocationResponse of(RevocationService.Revocation revocation) {
        return new RevocationResponse(
                revocation.revocationId(),
                revocation.receiptId(),
                revocation.visitorId(),
                revocation.revokedBy().name(),
                revocation.revokedAt());
    }
}
