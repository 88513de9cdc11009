package io.chatprivacy.platform.events;

/**
 * A failure that may pass if the event is processed again a little later (a dependency not yet
 * there, a lock held elsewhere). The idempotent consumer retries it with back-off.
 */
public class TransientEventException extends RuntimeException {

    public TransientEventException(String message) {
        super(message);
    }

    public TransientEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
