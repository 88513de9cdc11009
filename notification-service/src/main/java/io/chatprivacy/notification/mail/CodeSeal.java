package io.chatprivacy.notification.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens the secrets deletion-service and request-service seal for transit through {@code deletion-events} and
 * {@code request-events}: an owner's verification codes ({@code sealedCode}), access export tokens
 * ({@code sealedToken}), a consumer's verification codes of the privacy center ({@code sealedCode} of
 * {@code request.consumer-verification-issued.v1}) and request status tokens ({@code sealedStatusToken}).
 *
 * <p>Format: base64url without padding of {@code 12-byte IV || AES-256-GCM ciphertext with its
 * 16-byte tag} of the secret's UTF-8 bytes, under the shared transport key. The associated data
 * (UTF-8) binds each secret to its purpose and object: an owner's code's is the bare job id, an export
 * token's is {@code "export|" + exportId}, a consumer's code's {@code "consumer|" + intakeId}, a status
 * token's {@code "status|" + requestId} (ids as canonical lower-case UUID strings). So a sealed secret
 * cannot be replayed for another object, nor opened as a secret of another purpose.
 */
public final class CodeSeal {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    /** Prefix of an export token's associated data; an owner's code's is the bare job id. */
    private static final String EXPORT_TOKEN_PURPOSE = "export|";
    /** Prefix of the associated data of a consumer's code (privacy center intake). */
    private static final String CONSUMER_CODE_PURPOSE = "consumer|";
    /** Prefix of the associated data of a request's status token (privacy center status page). */
    private static final String STATUS_TOKEN_PURPOSE = "status|";
    /** Prefix of the associated data of the one-time code that opens an access copy. */
    private static final String EXPORT_CODE_PURPOSE = "export-code|";

    private final SecretKeySpec key;

    private CodeSeal(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * A seal for the given key.
     *
     * @param base64Key standard base64 of exactly 32 bytes
     * @throws IllegalArgumentException if the key is not that
     */
    public static CodeSeal fromBase64Key(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key == null ? "" : base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the code transport key is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the code transport key must be 32 bytes, not " + key.length);
        }
        return new CodeSeal(key);
    }

    /**
     * Opens a sealed verification code.
     *
     * @throws UnreadableCodeException if it is malformed, was sealed under another key or for another job
     */
    public String unseal(String sealedCode, UUID jobId) {
        return open(sealedCode, jobId.toString(), "the sealed code does not open under this key for this job");
    }

    /**
     * Opens a sealed access export token.
     *
     * @throws UnreadableCodeException if it is malformed, was sealed under another key, for another
     *     export or as something else than an export token (a code)
     */
    public String unsealExportToken(String sealedToken, UUID exportId) {
        return open(
                sealedToken,
                EXPORT_TOKEN_PURPOSE + exportId,
                "the sealed export token does not open under this key for this export");
    }

    /**
     * Opens the one-time code that opens an access copy, sealed for its export.
     *
     * @throws UnreadableCodeException if it is malformed, was sealed under another key, for another export or
     *     as something else than an export's code
     */
    public String unsealExportCode(String sealedCode, UUID exportId) {
        return open(
                sealedCode,
                EXPORT_CODE_PURPOSE + exportId,
                "the sealed export code does not open under this key for this export");
    }

    /**
     * Opens a consumer's verification code sealed for a privacy center intake.
     *
     * @throws UnreadableCodeException if it is malformed, was sealed under another key, for another
     *     intake or as something else than a consumer's code
     */
    public String unsealConsumerCode(String sealedCode, UUID intakeId) {
        return open(
                sealedCode,
                CONSUMER_CODE_PURPOSE + intakeId,
                "the sealed consumer code does not open under this key for this intake");
    }

    /**
     * Opens a request's status token (the consumer's key to the privacy center's status page).
     *
     * @throws UnreadableCodeException if it is malformed, was sealed under another key, for another
     *     request or as something else than a status token
     */
    public String unsealStatusToken(String sealedToken, UUID requestId) {
        return open(
                sealedToken,
                STATUS_TOKEN_PURPOSE + requestId,
                "the sealed status token does not open under this key for this request");
    }

    private String open(String sealedValue, String associatedData, String refusal) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedValue);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableCodeException("the sealed value is not base64url");
        }
        if (sealed.length <= IV_BYTES + TAG_BITS / 8) {
            throw new UnreadableCodeException("the sealed value is too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // deliberately without the cause's message: nothing about the ciphertext goes to logs
            throw new UnreadableCodeException(refusal);
        }
    }

    /** A sealed code or token that cannot be opened: a wrong key, another job's or export's, or damage. */
    public static final class UnreadableCodeException extends RuntimeException {
        public UnreadableCodeException(String message) {
            super(message, null, false, false);
        }
    }
}
