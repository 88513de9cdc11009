package io.chatprivacy.notification.mail;

import java.util.Locale;

/** Request types in words a consumer reads. */
final class RequestWords {

    private RequestWords() {}

    /** "a copy of your personal information", "deletion of your personal information", … */
    static String what(String requestType) {
        if (requestType == null) {
            return "a privacy request";
        }
        return switch (requestType) {
            case "ACCESS" -> "a copy of your personal information";
            case "DELETE" -> "deletion of your personal information";
            case "CORRECT" -> "correction of your personal information";
            case "OPT_OUT" -> "an opt-out of the sale or sharing of your personal information";
            case "LIMIT" -> "a limit on the use of your sensitive personal information";
            default -> requestType.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
