package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.Pseudonyms;
import io.chatprivacy.consent.domain.Revoker;
import io.chatprivacy.consent.events.ConsentRevokedEvent;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.consent.persistence.Locks;
import io.chatprivacy.platform.ids.Ids;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Revocation, as easy as giving consent: the visitor with the receipt id issued to them, or an agent
 * on the visitor's behalf with a reason. A revocation is a new ledger row pointing at the grant,
 * never a change to it; revoking twice changes nothing the second time.
 */
@ApplicationScoped
public class RevocationService {

    /** A grant's revocation. */
    public record Revocation(
            UUID revocationId, UUID receiptId, String visitorId, Revoker revokedBy, Instant revokedAt) {

        static Revocation of(LedgerEntry entry) {
            return new Revocation(
                    entry.id(), entry.revokes(), entry.visitorId(), entry.revokedBy(), entry.recordedAt());
        }
    }

    private final LedgerRepository ledger;
    private final Outbox outbox;
    private final Pseudonyms pseudonyms;
    private final Locks locks;
    private final Clock clock;

    RevocationService(LedgerRepository ledger, Outbox outbox, Pseudonyms pseudonyms, Locks locks, Clock clock) {
        this.ledger = ledger;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
        this.locks = locks;
        this.clock = clock;
    }

    /** The visitor revokes a receipt; 404 unless the receipt is this account's and was issued to this visitor. */
    @Transactional
    public Revocation revokeByVisitor(
            UUID accountId, UUID receiptId, String visitorId, String userAgent, String clientAddress) {
        locks.lock(receiptId);
        LedgerEntry grant = ledger.grant(accountId, receiptId)
                .filter(g -> g.visitorId().equals(visitorId))
                .orElseThrow(() -> ProblemException.notFound("No receipt " + receiptId + " for this visitor."));
        return revoke(grant, Revoker.VISITOR, null, null, userAgent, pseudonyms.ip(clientAddress));
    }

    /**
     * An agent revokes on the visitor's behalf: one receipt, or every grant still active of a
     * visitor id or an email. Returns the revocations made (or found, for an already revoked receipt).
     */
    @Transactional
    public List<Revocation> revokeByAgent(
            UUID accountId, UUID receiptId, String visitorId, String email, String reason, String agent) {
        List<LedgerEntry> grants;
        if (receiptId != null) {
            LedgerEntry grant = ledger.grant(accountId, receiptId)
                    .filter(g -> visitorId == null || g.visitorId().equals(visitorId))
                    .orElseThrow(() -> ProblemException.notFound("No receipt " + receiptId + " in this account."));
            grants = List.of(grant);
        } else {
            grants = ledger.activeGrants(accountId, visitorId, email == null ? null : pseudonyms.email(email));
        }
        List<Revocation> revocations = new ArrayList<>();
        for (LedgerEntry grant : grants) {
            locks.lock(grant.id());
            revocations.add(revoke(grant, Revoker.AGENT, agent, reason, null, null));
        }
        return revocations;
    }

    private Revocation revoke(
            LedgerEntry grant, Revoker by, String actor, String reason, String userAgent, String ipHash) {
        Optional<LedgerEntry> existing = ledger.revocationOf(grant.accountId(), grant.id());
        if (existing.isPresent()) {
            return Revocation.of(existing.get());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        LedgerEntry revocation = LedgerEntry.revocation(
                Ids.timeOrdered(now.toEpochMilli()),
                grant.accountId(),
                grant.id(),
                grant.visitorId(),
                grant.emailHmac(),
                by,
                actor,
                reason,
                userAgent,
                ipHash,
                now);
        ledger.append(List.of(revocation));
        outbox.publish(new ConsentRevokedEvent(
                revocation.id(), grant.id(), grant.accountId(), grant.visitorId(), by.name(), now));
        return Revocation.of(revocation);
    }
}
