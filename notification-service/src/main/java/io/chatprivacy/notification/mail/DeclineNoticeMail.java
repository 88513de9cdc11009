package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * What a decline notice says: which request, the legal reason in plain words and the owner's note.
 * {@code toSubject} tells whether it addresses the data subject (else the account owner).
 */
public record DeclineNoticeMail(
        String accountName,
        UUID requestId,
        String requestType,
        String tag,
        boolean toSubject,
        String reason,
        String note,
        Instant declinedAt) {

    /** The reason code in words a consumer understands. */
    public String reasonInWords() {
        if (reason == null) {
            return "A reason the law allows.";
        }
        return switch (reason) {
            case "BUSINESS_NECESSITY" ->
                "The business still needs this information for a purpose the law allows,"
                        + " such as completing a transaction you asked for, security, or meeting a legal obligation.";
            case "LEGAL_HOLD" ->
                "The business is legally required to keep this information for now"
                        + " (for example, because of a litigation hold).";
            case "SERVICE_PROVIDER_NEED" ->
                "A service provider needs this information to perform a service"
                        + " for the business that the law allows.";
            case "CANNOT_VERIFY" ->
                "The request could not be verified as coming from the person" + " the information is about.";
            default -> "A reason the law allows (" + reason + ").";
        };
    }

    /** What was asked, in words: "delete" for a deletion, the type in lower case otherwise. */
    public String requestInWords() {
        if (requestType == null || requestType.equals("DELETE")) {
            return "delete";
        }
        return requestType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String declinedAtText() {
        return MailFormats.utc(declinedAt);
    }
}
