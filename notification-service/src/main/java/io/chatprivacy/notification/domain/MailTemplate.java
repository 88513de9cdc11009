package io.chatprivacy.notification.domain;

/** The kinds of mail this service sends; the names travel in notification events. */
public enum MailTemplate {
    /** The one-time code that authorises a deletion, to the account's registered owner address. */
    VERIFICATION_CODE,
    /** What a purge deleted, to the account owner. */
    PURGE_CONFIRMATION,
    /** Why a request was declined, to the data subject (or the owner for a tag request). */
    DECLINE_NOTICE,
    /** Too many wrong codes locked a deletion job, to the account owner. */
    JOB_LOCKED_NOTICE,
    /** A rights request was received: what happens next and by when, to the consumer. */
    RECEIPT_CONFIRMATION,
    /** The response period was extended, and why, to the consumer (the owner for a tag request). */
    EXTENSION_NOTICE,
    /** A rights request was carried out, to the consumer. */
    COMPLETION_NOTICE,
    /** A request is a few days from its due date, to the account owner. */
    DEADLINE_REMINDER,
    /** A request is overdue, to the account owner. */
    DEADLINE_ALERT,
    /**
     * The copy of the consumer's chats and tickets (right to know), fetched from deletion-service at
     * send time, readable in the body and attached as JSON, to the consumer.
     */
    ACCESS_EXPORT,
    /**
     * The one-time code that confirms a consumer's own request on the privacy center, to the address they gave
     * there (sealed at rest and opened at send time, like {@link #VERIFICATION_CODE}).
     */
    CONSUMER_VERIFICATION_CODE,
    /** The consumer's appeal of a decline was received, and by when it will be decided, to the consumer. */
    APPEAL_RECEIVED_NOTICE,
    /**
     * The decision on the consumer's appeal (UPHELD or REVERSED) with its explanation and citation, and for a decline
     * that stands how to contact the attorney general, to the consumer.
     */
    APPEAL_DECISION_NOTICE,
    /**
     * The account's opt-out self-test failed: which check was not honoured, to the account owner (registered address).
     */
    OPT_OUT_SELF_TEST_ALERT
}
