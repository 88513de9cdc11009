package io.chatprivacy.request.domain;

/** The statute does not allow extending this request now (see {@link StatutoryClock#checkExtension}). */
public class ExtensionRefusedException extends RuntimeException {

    private final StatutoryClock.ExtensionRefusal refusal;

    public ExtensionRefusedException(StatutoryClock.ExtensionRefusal refusal) {
        super("extension refused: " + refusal);
        this.refusal = refusal;
    }

    public StatutoryClock.ExtensionRefusal refusal() {
        return refusal;
    }
}
