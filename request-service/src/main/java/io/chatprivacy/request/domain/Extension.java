package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;

/**
 * The one extension of a request's response period the statute allows: the new due date, the reason the
 * consumer is told, who took it and when. {@link #NONE} until it is taken; it is taken at most once.
 *
 * @param extendedDueAt the due date in force after the extension
 * @param extensionReason why; the consumer is told; free text, erased with the identity
 * @param extendedBy who took it (a user id)
 * @param extendedAt when it was taken
 */
@Embeddable
public record Extension(
        @Column(name = "extended_due_at") Instant extendedDueAt,
        @Column(name = "extension_reason") String extensionReason,
        @Column(name = "extended_by") String extendedBy,
        @Column(name = "extended_at") Instant extendedAt) {

    /** Not extended (and what the database hands back when all four columns are null). */
    public static final Extension NONE = new Extension(null, null, null, null);

    public Extension {
        // the schema's rights_request_one_extension: a new due date and the time it was granted go together
        if ((extendedDueAt == null) != (extendedAt == null)) {
            throw new IllegalArgumentException("an extension has both its new due date and the time it was taken");
        }
    }

    /**
     * Takes the extension of a request of {@code type} due at {@code dueAt}, if the jurisdiction's rules allow it now
     * (in particular, not a second time).
     *
     * @return the extension taken
     * @throws ExtensionRefusedException when the statute does not allow it (see {@link
     *     StatutoryClock#checkExtension})
     */
    Extension take(RequestType type, Instant dueAt, String reason, String by, Instant now, StatutoryClock clock) {
        return take(type, dueAt, reason, by, now, clock, ClockRules.CCPA);
    }

    /** Takes the extension under a jurisdiction's {@code rules}. */
    Extension take(
            RequestType type,
            Instant dueAt,
            String reason,
            String by,
            Instant now,
            StatutoryClock clock,
            ClockRules rules) {
        StatutoryClock.ExtensionRefusal refusal =
                StatutoryClock.checkExtension(rules, type, dueAt, extendedDueAt, reason, now);
        if (refusal != null) {
            throw new ExtensionRefusedException(refusal);
        }
        return new Extension(clock.extendedDueAt(rules, dueAt), reason.strip(), by, Objects.requireNonNull(now, "now"));
    }

    /** Whether the extension was taken. */
    public boolean isTaken() {
        return extendedDueAt != null;
    }

    /** The due date in force: the extended one when taken, otherwise {@code dueAt}. */
    public Instant dueAtOr(Instant dueAt) {
        return extendedDueAt != null ? extendedDueAt : dueAt;
    }

    /** The same extension with its reason (free text that may name the consumer) erased. */
    Extension erased() {
        return new Extension(extendedDueAt, extensionReason == null ? null : "[erased]", extendedBy, extendedAt);
    }
}
