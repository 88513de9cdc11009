package io.chatprivacy.request.domain;

/** Which clock a deadline reminder or overdue alert is about. */
public enum DeadlineClock {
    /** The request's answer: its (extended) due date, or once an appeal reversed a decline, the appeal's. */
    ANSWER,
    /** The decision on a consumer's pending appeal of a decline. */
    APPEAL
}
