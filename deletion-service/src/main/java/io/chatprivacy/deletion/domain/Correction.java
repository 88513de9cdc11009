package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The record of a CORRECT request carried out (or rejected) in the vault: which field, how many items
 * matched and how many changed, when. Never the old or the new value.
 */
@Entity
@Table(name = "correction")
public class Correction {

    /** What became of the request. */
    public enum Outcome {
        APPLIED,
        /** Nothing in the vault matched the consumer's identifiers. */
        REJECTED
    }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CorrectionField field;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Outcome outcome;

    @Column(name = "chats_matched", nullable = false)
    private int chatsMatched;

    @Column(name = "tickets_matched", nullable = false)
    private int ticketsMatched;

    @Column(name = "chats_corrected", nullable = false)
    private int chatsCorrected;

    @Column(name = "tickets_corrected", nullable = false)
    private int ticketsCorrected;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected Correction() {}

    public static Correction applied(
            UUID id,
            UUID accountId,
            UUID requestId,
            CorrectionField field,
            int chatsMatched,
            int ticketsMatched,
            int chatsCorrected,
            int ticketsCorrected,
            Instant now) {
        if (chatsMatched + ticketsMatched == 0) {
            throw new IllegalArgumentException("a correction that matched nothing is rejected, not applied");
        }
        Correction correction = of(id, accountId, requestId, field, Outcome.APPLIED, now);
        correction.chatsMatched = chatsMatched;
        correction.ticketsMatched = ticketsMatched;
        correction.chatsCorrected = chatsCorrected;
        correction.ticketsCorrected = ticketsCorrected;
        return correction;
    }

    public static Correction rejected(UUID id, UUID accountId, UUID requestId, CorrectionField field, Instant now) {
        return of(id, accountId, requestId, field, Outcome.REJECTED, now);
    }

    private static Correction of(
            UUID id, UUID accountId, UUID requestId, CorrectionField field, Outcome outcome, Instant now) {
        Correction correction = new Correction();
        correction.id = id;
        correction.accountId = accountId;
        correction.requestId = requestId;
        correction.field = field;
        correction.outcome = outcome;
        correction.decidedAt = now;
        return correction;
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID requestId() {
        return requestId;
    }

    public CorrectionField field() {
        return field;
    }

    public Outcome outcome() {
        return outcome;
    }

    public int chatsMatched() {
        return chatsMatched;
    }

    public int ticketsMatched() {
        return ticketsMatched;
    }

    public int chatsCorrected() {
        return chatsCorrected;
    }

    public int ticketsCorrected() {
        return ticketsCorrected;
    }

    public Instant decidedAt() {
        return decidedAt;
    }
}
