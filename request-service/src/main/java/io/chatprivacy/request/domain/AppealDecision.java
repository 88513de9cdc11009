package io.chatprivacy.request.domain;

/** How the owner decided a consumer's appeal of a declined request. */
public enum AppealDecision {
    /** The decline stands; the consumer is told how to reach the attorney general where the law says so. */
    UPHELD,
    /** The decline is withdrawn: the request is open again, to be carried out by the appeal's due date. */
    REVERSED
}
