package io.chatprivacy.console.view;

import java.util.List;

/**
 * What the privacy center calls things, in the words a consumer reads rather than request-service's codes: each
 * right's name and the one line that explains it, a request's status, a reason for a decline.
 */
public final class ConsumerWords {

    /** The five rights, in the order the page lists them when request-service names none. */
    public static final List<String> RIGHTS = List.of("ACCESS", "DELETE", "CORRECT", "OPT_OUT", "LIMIT");

    private ConsumerWords() {}

    /** The right's short name, as a heading or a radio button's label. */
    public static String rightName(String type) {
        return switch (type == null ? "" : type) {
            case "ACCESS" -> "See the personal information we hold about you";
            case "DELETE" -> "Delete your personal information";
            case "CORRECT" -> "Correct your personal information";
            case "OPT_OUT" -> "Do not sell or share your personal information";
            case "LIMIT" -> "Limit the use of your sensitive personal information";
            default -> "Privacy request";
        };
    }

    /** One plain line on what the right does. */
    public static String rightLine(String type) {
        return switch (type == null ? "" : type) {
            case "ACCESS" ->
                "We email you a copy of what we keep about you: your chats with us and your support tickets.";
            case "DELETE" ->
                "We delete your chats, tickets and contact details, except what the law requires us to keep.";
            case "CORRECT" -> "We fix your name or email address where we hold it wrongly.";
            case "OPT_OUT" -> "We stop selling or sharing your personal information with others.";
            case "LIMIT" -> "We use sensitive information about you only to provide the service you asked for.";
            default -> "";
        };
    }

    /** Where a request stands, for the consumer. */
    public static String status(String status) {
        return switch (status == null ? "" : status) {
            case "OPEN", "OPENED", "RECEIVED" -> "Received: we are working on it";
            case "AWAITING_VERIFICATION" -> "Waiting for a code to be confirmed";
            case "COMPLETED" -> "Done";
            case "DECLINED" -> "Declined";
            case "EXPIRED" -> "Closed: it was not confirmed in time";
            default -> status == null ? "" : status;
        };
    }

    /** Why a request was declined, for the consumer. */
    public static String declineReason(String reason) {
        return switch (reason == null ? "" : reason) {
            case "CANNOT_VERIFY" -> "We could not confirm that the request came from you.";
            case "BUSINESS_NECESSITY" -> "We need to keep this information to run our business, as the law allows.";
            case "LEGAL_HOLD" -> "The law or a court case requires us to keep this information.";
            case "SERVICE_PROVIDER_NEED" -> "A service provider needs this information for a service the law allows.";
            default -> reason == null ? "" : reason;
        };
    }

    /** Whether the request is still being worked on. */
    public static boolean open(String status) {
        return !"COMPLETED".equals(status) && !"DECLINED".equals(status) && !"EXPIRED".equals(status);
    }
}
