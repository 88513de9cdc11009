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
     * No longer reported: access copies were once fetched from deletion-service at send time, and this said the
     * fetch failed for now. Copies go by link since; kept so that the delivery log's older rows still read.
     */
    EXPORT_UNAVAILABLE,
    /** The access export expired before its link could be delivered; sending it would be useless. */
    EXPORT_GONE
}
