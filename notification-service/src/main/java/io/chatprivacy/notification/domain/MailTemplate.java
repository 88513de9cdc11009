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
     * The consumer's copy of their chats and tickets (right to know) is ready: counts, the dates it covers, until
     * when, and a link to the privacy center's copy page carrying the export's token (sealed at rest, masked in the
     * stored bodies, opened at send time). No content and no attachment: the page opens the copy after a fresh
     * code ({@link #ACCESS_EXPORT_CODE}). To the consumer.
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
     * The one-time code that opens the consumer's copy on the privacy center's copy page, to the address the copy
     * was asked for (sealed at rest and opened at send time, like {@link #CONSUMER_VERIFICATION_CODE}).
     */
    ACCESS_EXPORT_CODE,
    /**
     * The account's opt-out self-test failed: which check was not honoured, to the account owner (registered address).
     */
    OPT_OUT_SELF_TEST_ALERT
}
