package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.Objects;

/**
 * What a rights request covers: everything carrying a tag (a tag deletion), or one consumer named by email
 * address and/or the widget's visitor id; and when that consumer's identity was erased from the record.
 *
 * <p>An erased scope names no consumer any more; the tag, which names no one, stays.
 *
 * @param tag the tag whose chats and tickets a tag deletion covers; null for a consumer's request
 * @param subjectEmail the consumer's address, as stored (lower case); personal data
 * @param subjectVisitorId the widget's visitor id of the consumer; personal data
 * @param identityErasedAt when the retention period ended and the consumer's identity was erased, or null
 */
@Embeddable
public record Scope(
        @Column(name = "tag") String tag,
        @Column(name = "subject_email") String subjectEmail,
        @Column(name = "subject_visitor_id") String subjectVisitorId,
        @Column(name = "identity_erased_at") Instant identityErasedAt) {

    /**
     * Stands in for a scope whose columns are all null, which the database hands back as no scope at all
     * (an opened request always names a tag or a consumer, and an erased one its erasure time).
     */
    static final Scope NONE = new Scope(null, null, null, null);

    public Scope {
        if (identityErasedAt != null && (subjectEmail != null || subjectVisitorId != null)) {
            throw new IllegalArgumentException("an erased scope names no consumer");
        }
    }

    /** Everything carrying {@code tag}. */
    public static Scope ofTag(String tag) {
        return of(Objects.requireNonNull(tag, "tag"), null, null);
    }

    /** One consumer, by address and/or visitor id. */
    public static Scope ofSubject(String subjectEmail, String subjectVisitorId) {
        return of(null, subjectEmail, subjectVisitorId);
    }

    /** A scope as a caller named it, before {@link #checkFor} says whether it suits the request's type. */
    public static Scope of(String tag, String subjectEmail, String subjectVisitorId) {
        return new Scope(tag, subjectEmail, subjectVisitorId, null);
    }

    /**
     * Checks that this scope suits a request of {@code type}: a deletion names exactly one of a tag or a
     * consumer's email, a tag deletion has no data subject, any other request names the consumer.
     *
     * @throws IllegalArgumentException when it does not
     */
    void checkFor(RequestType type) {
        if (type == RequestType.DELETE && (tag == null) == (subjectEmail == null)) {
            throw new IllegalArgumentException("a deletion names exactly one of a tag or a subject's email");
        }
        if (tag != null && subjectVisitorId != null) {
            throw new IllegalArgumentException("a tag deletion has no data subject");
        }
        if (type != RequestType.DELETE && subjectEmail == null && subjectVisitorId == null) {
            throw new IllegalArgumentException("a consumer's request names the consumer");
        }
    }

    /** Whether the scope names a consumer (by address or visitor id). */
    public boolean namesSubject() {
        return subjectEmail != null || subjectVisitorId != null;
    }

    /** Whether the consumer's identity was erased. */
    public boolean isErased() {
        return identityErasedAt != null;
    }

    /** The same scope without the consumer's identity, erased at {@code now}. */
    Scope erased(Instant now) {
        return new Scope(tag, null, null, Objects.requireNonNull(now, "now"));
    }
}
