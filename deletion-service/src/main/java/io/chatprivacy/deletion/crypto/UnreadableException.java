package io.chatprivacy.deletion.crypto;

/**
 * Ciphertext that cannot be read: its key was destroyed (crypto-shredded), or the key, associated
 * data or ciphertext is not the one it was sealed with.
 */
public class UnreadableException extends RuntimeException {

    public UnreadableException(String message) {
        super(message, null, false, false);
    }
}
