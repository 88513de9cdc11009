package io.chatprivacy.notification.domain;

/** Where an outgoing mail stands in the delivery log. */
public enum MailStatus {
    /** Waiting for its (next) delivery attempt. */
    PENDING,
    /** Accepted by the SMTP relay. Final. */
    SENT,
    /** Given up (the code it carried expired, or delivery failed for too long). Final. */
    FAILED,
    /**
     * Never sent: the recipient is on a {@code .invalid} domain (RFC 2606), which can never receive mail — the opt-out
     * self-test's synthetic addresses ({@code @selftest.invalid}). Final; no notification event.
     */
    SKIPPED
}
