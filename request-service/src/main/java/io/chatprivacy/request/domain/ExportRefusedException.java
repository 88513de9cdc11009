package io.chatprivacy.request.domain;

import java.time.Instant;

/** A fresh copy of the consumer's data cannot be asked for now (see {@link RightsRequest#requestExport}). */
public class ExportRefusedException extends RuntimeException {

    /** Why no fresh copy may be asked for. */
    public enum Refusal {
        /** Only an ACCESS request has a copy to send. */
        NOT_AN_ACCESS_REQUEST,
        /** The consumer's address was erased after the retention period: there is nowhere to send it. */
        IDENTITY_ERASED,
        /** A fresh copy was asked for less than {@link ExportProgress#RESEND_INTERVAL} ago. */
        RECENTLY_REQUESTED
    }

    private final Refusal refusal;
    private final Instant askAgainAt;

    public ExportRefusedException(Refusal refusal, Instant askAgainAt) {
        super("fresh copy refused: " + refusal);
        this.refusal = refusal;
        this.askAgainAt = askAgainAt;
    }

    public Refusal refusal() {
        return refusal;
    }

    /** When a fresh copy may be asked for again ({@link Refusal#RECENTLY_REQUESTED} only, else null). */
    public Instant askAgainAt() {
        return askAgainAt;
    }
}
