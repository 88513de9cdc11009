package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/**
 * What the consumer is told when their appeal is decided: the decision ({@code UPHELD}: the decline stands;
 * {@code REVERSED}: the request is carried out by {@code dueAt}) with the owner's explanation, the statute the appeal
 * rests on and, for a decline that stands, the jurisdiction's words on contacting the attorney general, verbatim.
 */
public record AppealDecisionNoticeMail(
        String accountName,
        UUID requestId,
        String requestType,
        String decision,
        String explanation,
        String attorneyGeneralContact,
        String citation,
        Instant decidedAt,
        Instant dueAt) {

    /** Whether the decline stands. */
    public boolean upheld() {
        return "UPHELD".equals(decision);
    }

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    public String decidedAtText() {
        return MailFormats.utc(decidedAt);
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }
}
