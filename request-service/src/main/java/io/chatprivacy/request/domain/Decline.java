package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.util.Objects;

/**
 * Why a request was declined, with the note given and who declined it. {@link #NONE} while the request is
 * not declined.
 *
 * @param declineReason the reason the law allows
 * @param declineNote free text for the consumer; may name them, so it is erased with the identity
 * @param declinedBy the user who declined it, or null when it was declined on another service's report
 */
@Embeddable
public record Decline(
        @Enumerated(EnumType.STRING) @Column(name = "decline_reason")
        DeclineReason declineReason,

        @Column(name = "decline_note") String declineNote,
        @Column(name = "declined_by") String declinedBy) {

    /** Not declined (and what the database hands back when all three columns are null). */
    public static final Decline NONE = new Decline(null, null, null);

    public Decline {
        if (declineReason == null && (declineNote != null || declinedBy != null)) {
            throw new IllegalArgumentException("a decline states its reason");
        }
    }

    /** A person declined the request for {@code reason}. */
    static Decline by(DeclineReason reason, String note, String declinedBy) {
        return new Decline(
                Objects.requireNonNull(reason, "reason"), note, Objects.requireNonNull(declinedBy, "declinedBy"));
    }

    /** Declined because the consumer could not be verified, on another service's report: no person declined it. */
    static Decline unverified(String note) {
        return new Decline(DeclineReason.CANNOT_VERIFY, Objects.requireNonNull(note, "note"), null);
    }

    /** Whether the request was declined. */
    public boolean isDeclined() {
        return declineReason != null;
    }

    /** The same decline with its note (free text that may name the consumer) erased. */
    Decline erased() {
        return new Decline(declineReason, declineNote == null ? null : "[erased]", declinedBy);
    }
}
