package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A reminder ({@code overdue} false) or an overdue alert to the account owner about one request's due date: its
 * answer's, or ({@code appeal}) the decision on the consumer's pending appeal of its decline.
 */
public record DeadlineMail(
        String accountName,
        UUID requestId,
        String requestType,
        String status,
        Instant dueAt,
        Long daysLeft,
        boolean extended,
        boolean overdue,
        boolean appeal) {

    public String typeText() {
        return requestType == null
                ? "rights"
                : requestType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }
}
