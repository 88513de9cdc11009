package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/** A reminder ({@code overdue} false) or an overdue alert to the account owner about one request's due date. */
public record DeadlineMail(
        String accountName,
        UUID requestId,
        String requestType,
        String status,
        Instant dueAt,
        Long daysLeft,
        boolean extended,
        boolean overdue) {

    public String typeText() {
        return requestType == null
                ? "rights"
                : requestType.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }
}
