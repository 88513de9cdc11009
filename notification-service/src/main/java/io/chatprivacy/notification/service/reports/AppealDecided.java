package io.chatprivacy.notification.service.reports;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import java.util.UUID;

/**
 * The fields of request-service's {@code request.appeal-decided.v1} this service reads.
 *
 * @param decision {@code UPHELD} (the decline stands) or {@code REVERSED} (the request is carried out by {@code dueAt})
 * @param dueAt the appeal's due date: for a reversal, when the request must now be carried out
 * @param attorneyGeneralContact the jurisdiction's words on contacting the attorney general, which a denied appeal's
 *     notice must carry: required for {@code UPHELD}, null for a reversal
 */
public record AppealDecided(
        @NotNull UUID requestId,
        UUID accountId,
        String requestType,
        String jurisdiction,
        @SingleAddress String subjectEmail,
        @NotNull @Pattern(regexp = "UPHELD|REVERSED") String decision,
        @NotNull String explanation,
        String attorneyGeneralContact,
        String citation,
        Instant decidedAt,
        @NotNull Instant dueAt) {

    public static final String UPHELD = "UPHELD";

    /** The consumer's address, or null for a request without one (a tag deletion, a visitor-only request). */
    public String subjectAddress() {
        return SingleAddress.Check.normalise(subjectEmail);
    }

    /** Whether the decline stands (the appeal is denied). */
    public boolean upheld() {
        return UPHELD.equals(decision);
    }

    /** A denied appeal's notice must say how to contact the attorney general: the event carries the words. */
    @AssertTrue
    public boolean isAttorneyGeneralContactGiven() {
        return !upheld() || (attorneyGeneralContact != null && !attorneyGeneralContact.isBlank());
    }

    @Override
    public String toString() {
        return "AppealDecided[requestId=" + requestId + ", decision=" + decision + "]";
    }
}
