package io.chatprivacy.notification.domain;

/** Where an outgoing mail stands in the delivery log. */
public enum MailStatus {
    /** Waiting for its (next) delivery attempt. */
    PENDING,
    /** Accepted by the SMTP relay. Final. */
    SENT,
    /** Given up (the code it carried expired, or delivery failed for too long). Final. */
    FAILED
}
