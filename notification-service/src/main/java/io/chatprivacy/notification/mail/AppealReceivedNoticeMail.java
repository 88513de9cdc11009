package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** What the consumer is told when their appeal of a decline is received: which request, when, and the decision's due date. */
public record AppealReceivedNoticeMail(
        String accountName, UUID requestId, String requestType, Instant receivedAt, Instant dueAt) {

    public String requestInWords() {
        return RequestWords.what(requestType);
    }

    public String receivedAtText() {
        return MailFormats.utc(receivedAt);
    }

    public String dueAtText() {
        return MailFormats.utc(dueAt);
    }
}
