package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import java.util.Objects;

/**
 * The consumer's appeal of a declined request, where the request's jurisdiction grants one: the consumer's
 * statement, when it was received and when it must be decided, and the owner's decision. {@link #NONE} until an
 * appeal is received; a request is appealed at most once.
 *
 * @param appealStatement what the consumer says; free text that may name them, erased with the identity
 * @param appealReceivedAt when the appeal was received
 * @param appealDueAt when the decision is due (the jurisdiction's appeal clock, from receipt)
 * @param appealDecision the decision, null while pending
 * @param appealExplanation the owner's explanation; free text, erased with the identity
 * @param appealDecidedBy the owner who decided
 * @param appealDecidedAt when it was decided
 */
@Embeddable
public record Appeal(
        @Column(name = "appeal_statement") String appealStatement,
        @Column(name = "appeal_received_at") Instant appealReceivedAt,
        @Column(name = "appeal_due_at") Instant appealDueAt,

        @Enumerated(EnumType.STRING) @Column(name = "appeal_decision")
        AppealDecision appealDecision,

        @Column(name = "appeal_explanation") String appealExplanation,
        @Column(name = "appeal_decided_by") String appealDecidedBy,
        @Column(name = "appeal_decided_at") Instant appealDecidedAt) {

    /** No appeal (and what the database hands back when every column is null). */
    public static final Appeal NONE = new Appeal(null, null, null, null, null, null, null);

    public Appeal {
        if ((appealReceivedAt == null) != (appealDueAt == null)) {
            throw new IllegalArgumentException("an appeal has both its receipt and its due date");
        }
        if (appealDecision != null && (appealReceivedAt == null || appealDecidedAt == null)) {
            throw new IllegalArgumentException("a decided appeal was received and decided at a time");
        }
    }

    /** An appeal received at {@code at}, to be decided by {@code dueAt}. */
    static Appeal received(String statement, Instant at, Instant dueAt) {
        return new Appeal(
                Objects.requireNonNull(statement, "statement").strip(),
                Objects.requireNonNull(at, "at"),
                Objects.requireNonNull(dueAt, "dueAt"),
                null,
                null,
                null,
                null);
    }

    /** This appeal, decided. */
    Appeal decided(AppealDecision decision, String explanation, String by, Instant at) {
        return new Appeal(
                appealStatement,
                appealReceivedAt,
                appealDueAt,
                Objects.requireNonNull(decision, "decision"),
                Objects.requireNonNull(explanation, "explanation").strip(),
                Objects.requireNonNull(by, "by"),
                Objects.requireNonNull(at, "at"));
    }

    /** Whether an appeal was received. */
    public boolean isFiled() {
        return appealReceivedAt != null;
    }

    /** Whether an appeal was received and not yet decided. */
    public boolean isPending() {
        return isFiled() && appealDecision == null;
    }

    /** Whether the appeal reversed the decline. */
    public boolean isReversed() {
        return appealDecision == AppealDecision.REVERSED;
    }

    /** The same appeal with its free text erased. */
    Appeal erased() {
        return new Appeal(
                appealStatement == null ? null : "[erased]",
                appealReceivedAt,
                appealDueAt,
                appealDecision,
                appealExplanation == null ? null : "[erased]",
                appealDecidedBy,
                appealDecidedAt);
    }
}
