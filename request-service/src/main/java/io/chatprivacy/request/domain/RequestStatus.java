package io.chatprivacy.request.domain;

/** Where a rights request stands; {@link RequestLifecycle} decides which events move it. */
public enum RequestStatus {
    /** Received; nothing has been done yet. */
    OPEN,
    /** A verification code went to the account owner; the request waits for it to be presented. */
    AWAITING_VERIFICATION,
    /** Carried out. Final. */
    COMPLETED,
    /** Declined for a stated reason. Final. */
    DECLINED,
    /** The verification window passed unused; a new code may still reopen it. */
    EXPIRED;

    /** Whether nothing can change this request's outcome any more. */
    public boolean isFinal() {
        return this == COMPLETED || this == DECLINED;
    }
}
