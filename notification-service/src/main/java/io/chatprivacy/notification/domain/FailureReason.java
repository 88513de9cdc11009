package io.chatprivacy.notification.domain;

/** Why a delivery attempt failed, in the words notification events use. */
public enum FailureReason {
    /** The relay could not be reached or answered with a temporary error. */
    SMTP_UNAVAILABLE,
    /** The relay refused the mail with a permanent (5xx) error. */
    SMTP_REJECTED,
    /** The verification code expired before it could be delivered; sending it would be useless. */
    CODE_EXPIRED,
    /** The sealed code or export token could not be opened (wrong transport key or damaged ciphertext). */
    CODE_UNREADABLE,
    /**
     * deletion-service could not hand over an access export just now (unreachable, timed out, a 5xx or
     * an answer that is not the export asked for); retried like an SMTP outage.
     */
    EXPORT_UNAVAILABLE,
    /** The access export no longer exists (404/410: expired, swept or unknown); sending is impossible. */
    EXPORT_GONE
}
