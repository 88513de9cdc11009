package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** What a completion notice tells the consumer: which request, what was done, when. */
public record CompletionNoticeMail(
        String accountName, UUID requestId, String requestType, String outcome, Instant completedAt) {

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    public String completedAtText() {
        return MailFormats.utc(completedAt);
    }
}
