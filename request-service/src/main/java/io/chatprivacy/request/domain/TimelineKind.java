package io.chatprivacy.request.domain;

/** What a timeline entry of a rights request records. */
public enum TimelineKind {
    OPENED,
    VERIFICATION_ISSUED,
    VERIFICATION_LOCKED,
    VERIFICATION_EXPIRED,
    PURGE_COMPLETED,
    /** deletion-service prepared the copy an ACCESS request asked for (ids and counts only). */
    EXPORT_READY,
    DECLINED,
    NOTIFICATION_SENT,
    NOTIFICATION_FAILED,
    FULFILLED,
    EXTENDED,
    /** An agent asked deletion-service for a fresh copy of an ACCESS request's data (facts: attempt, requestedBy). */
    EXPORT_REQUESTED,
    DUPLICATE_RECEIVED,
    DEADLINE_APPROACHING,
    DEADLINE_BREACHED,
    IDENTITY_ERASED,
    /** The consumer appealed the decline (facts: dueAt, windowEndsAt); the statement is kept on the request. */
    APPEAL_RECEIVED,
    /** The owner decided the appeal (facts: decision, dueAt); a reversal opened the request again. */
    APPEAL_DECIDED,
    NOTED
}
