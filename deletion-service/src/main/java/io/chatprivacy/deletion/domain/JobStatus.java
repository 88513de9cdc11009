package io.chatprivacy.deletion.domain;

/** Where a deletion job stands. Only the first two are live; the others are final. */
public enum JobStatus {
    /** A code was issued and may be presented. */
    AWAITING_VERIFICATION,
    /** The right code was presented; the purge runs (and resumes after a crash) until done. */
    PURGING,
    COMPLETED,
    /** Too many wrong codes. */
    LOCKED,
    /** The code's window passed unused. */
    EXPIRED,
    /** The request was declined. */
    CANCELLED,
    /** A newer code was issued for the same request. */
    SUPERSEDED;

    public boolean isLive() {
        return this == AWAITING_VERIFICATION || this == PURGING;
    }
}
