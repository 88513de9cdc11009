package io.chatprivacy.platform.events;

/**
 * An event that can never be processed as it is (malformed, or violating its contract). It is not
 * retried: the consumer hands it to the dead-letter topic and moves on.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }
}
