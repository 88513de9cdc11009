package io.chatprivacy.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals a short secret (a verification code, a link's token) for its trip through an event to the
 * service that mails it: base64url without padding of {@code 12-byte IV || AES-256-GCM ciphertext and
 * 16-byte tag} of the secret's UTF-8 bytes under the shared {@code CODE_TRANSPORT_KEY}. The associated data
 * (UTF-8) names the secret's purpose and object, e.g. {@code "consumer|" + intakeId}, so a sealed value
 * opens only for what it was sealed for.
 *
 * <p>This class is the format's one implementation: deletion-service seals its owners' codes, export tokens and
 * export codes with it ({@code CodeSealer}), request-service its consumers' codes and status tokens
 * ({@code ConsumerSecrets}), and notification-service opens them all with it ({@code CodeSeal}); each of those
 * only names its purposes' associated data. contracts/README.md describes the format for other readers.
 */
public final class TransportSeal {

    private static final int KEY_BYTES = 32;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private TransportSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A seal under the given key.
     *
     * @param name how the key is configured, for the error message
     * @param base64Key standard base64 of exactly 32 bytes
     * @throws IllegalArgumentException if it is not that (the message names the setting, never the value)
     */
    public static TransportSeal fromBase64Key(String name, String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not base64");
        }
        return fromKey(name, key);
    }

    /**
     * A seal under the given key's bytes (copied).
     *
     * @param name how the key is configured, for the error message
     * @param key exactly 32 bytes
     * @throws IllegalArgumentException if it is not that (the message names the setting, never the value)
     */
    public static TransportSeal fromKey(String name, byte[] key) {
        int length = key == null ? 0 : key.length;
        if (length != KEY_BYTES) {
            throw new IllegalArgumentException(name + " must be 32 bytes, not " + length);
        }
        return new TransportSeal(key);
    }

    /** The key's bytes under another name: a key derived for another use (HMAC), never this one. */
    public byte[] derive(String purpose) {
        return new KeyedHash(key.getEncoded()).of(purpose);
    }

    public String seal(String secret, String associatedData) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
            byte[] sealed = new byte[IV_BYTES + cipher.getOutputSize(plain.length)];
            System.arraycopy(iv, 0, sealed, 0, IV_BYTES);
            cipher.doFinal(plain, 0, plain.length, sealed, IV_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a sealed value.
     *
     * @throws IllegalArgumentException when it is damaged, or sealed under another key or for another purpose
     *     (without any detail of the ciphertext)
     */
    public String open(String sealedValue, String associatedData) {
        return open(sealedValue, associatedData, "the sealed value does not open under this key for this purpose");
    }

    /**
     * Opens a sealed value; when it is well formed but does not open, says so in the caller's words.
     *
     * @param refusal the message when it does not open under this key for this associated data (naming the
     *     purpose, e.g. "the sealed code does not open under this key for this job"); a malformed value (not
     *     base64url, too short) is refused with the message saying so
     * @throws IllegalArgumentException when it is damaged, or sealed under another key or for another purpose
     *     (without any detail of the ciphertext, and without a cause)
     */
    public String open(String sealedValue, String associatedData, String refusal) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedValue);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("the sealed value is not base64url");
        }
        if (sealed.length <= IV_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("the sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // deliberately without the cause: nothing about the ciphertext goes to logs
            throw new IllegalArgumentException(refusal);
        }
    }
}
