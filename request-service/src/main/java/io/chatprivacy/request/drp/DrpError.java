package io.chatprivacy.request.drp;

/**
 * A Data Rights Protocol error answer (spec §3.06): an HTTP status whose body carries {@code code} (the status as a
 * string), {@code message} and, when the request will not be processed, {@code fatal} — inside the problem+json
 * document every refusal of this system is. A pairing refusal (§2.05.1, bodyless in the spec) says only that it
 * was refused ({@code bodyless}: the reason stays here).
 */
public class DrpError extends RuntimeException {

    private final int status;
    private final boolean fatal;
    private final boolean bodyless;

    private DrpError(int status, String message, boolean fatal, boolean bodyless) {
        super(message, null, false, false);
        this.status = status;
        this.fatal = fatal;
        this.bodyless = bodyless;
    }

    public static DrpError of(int status, String message) {
        return new DrpError(status, message, false, false);
    }

    public static DrpError fatal(int status, String message) {
        return new DrpError(status, message, true, false);
    }

    public static DrpError pairingRefused(String why) {
        return new DrpError(403, why, true, true);
    }

    public int status() {
        return status;
    }

    public boolean fatal() {
        return fatal;
    }

    public boolean bodyless() {
        return bodyless;
    }
}
