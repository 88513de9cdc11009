package io.chatprivacy.request.domain;

/** An appeal, or its decision, that the request's state or its jurisdiction does not allow. */
public class AppealRefusedException extends RuntimeException {

    /** Why. */
    public enum Refusal {
        /** The request's jurisdiction grants no appeal. */
        NO_APPEAL_IN_JURISDICTION,
        /** Only a declined request may be appealed. */
        NOT_DECLINED,
        /** The window to appeal, counted from the decline, has passed. */
        WINDOW_PASSED,
        /** The request was appealed already. */
        ALREADY_APPEALED,
        /** A decision needs an appeal to decide. */
        NO_APPEAL,
        /** The appeal was decided already. */
        ALREADY_DECIDED
    }

    private final Refusal refusal;

    public AppealRefusedException(Refusal refusal) {
        super("Appeal refused: " + refusal);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
