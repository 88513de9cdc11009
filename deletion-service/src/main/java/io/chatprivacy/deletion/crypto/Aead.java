package io.chatprivacy.deletion.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM with a fresh random 96-bit IV per message. A sealed message is {@code IV || ciphertext
 * || 128-bit tag}; the associated data binds it to what it belongs to, so a ciphertext moved to
 * another row does not open.
 */
public final class Aead {

    public static final int KEY_BYTES = 32;
    public static final int IV_BYTES = 12;
    public static final int TAG_BITS = 128;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One cipher object per thread, initialised afresh for every message: looking a cipher up costs about
     * 10 µs (provider search), more than sealing a whole chat, and a cipher is not safe to share.
     */
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });

    private Aead() {}

    /** A new random 256-bit key. */
    public static byte[] newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public static byte[] seal(byte[] key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(
                    Cipher.ENCRYPT_MODE, new SecretKeySpec(checked(key), "AES"), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plaintext.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, sealed, IV_BYTES);
            return sealed;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed message.
     *
     * @throws UnreadableException when the key, the associated data or the message is not the one sealed
     */
    public static byte[] open(byte[] key, byte[] sealed, byte[] aad) {
        if (sealed == null || sealed.length < IV_BYTES + TAG_BITS / 8) {
            throw new UnreadableException("sealed message too short");
        }
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(checked(key), "AES"),
                    new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new UnreadableException("authentication failed");
        } catch (GeneralSecurityException e) {
            throw new UnreadableException("cannot decrypt: " + e.getClass().getSimpleName());
        }
    }

    private static byte[] checked(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        return key;
    }
}
