package io.chatprivacy.notification.mail;

import io.chatprivacy.platform.crypto.TransportSeal;
import java.util.UUID;

/**
 * Opens the secrets deletion-service and request-service seal for transit through {@code deletion-events} and
 * {@code request-events}: an owner's verification codes ({@code sealedCode}), access export tokens
 * ({@code sealedToken}), an export's one-time codes ({@code sealedCode} of {@code deletion.export-code-issued.v1}),
 * a consumer's verification codes of the privacy center ({@code sealedCode} of
 * {@code request.consumer-verification-issued.v1}) and request status tokens ({@code sealedStatusToken}).
 *
 * <p>The format (base64url without padding of {@code 12-byte IV || AES-256-GCM ciphertext with its 16-byte tag} of
 * the secret's UTF-8 bytes, under the shared transport key) is the platform's {@link TransportSeal}, the one both
 * sealing services use; this class only names each purpose's associated data (UTF-8), which binds a secret to its
 * purpose and object: an owner's code's is the bare job id, an export token's is {@code "export|" + exportId}, an
 * export code's {@code "export-code|" + exportId}, a consumer's code's {@code "consumer|" + intakeId}, a status
 * token's {@code "status|" + requestId} (ids as canonical lower-case UUID strings). So a sealed secret cannot be
 * replayed for another object, nor opened as a secret of another purpose.
 */
public final class CodeSeal {

    /** Prefix of an export token's associated data; an owner's code's is the bare job id. */
    private static final String EXPORT_TOKEN_PURPOSE = "export|";
    /** Prefix of the associated data of a consumer's code (privacy center intake). */
    private static final String CONSUMER_CODE_PURPOSE = "consumer|";
    /** Prefix of the associated data of a request's status token (privacy center status page). */
    private static final String STATUS_TOKEN_PURPOSE = "status|";
    /** Prefix of the associated data of the one-time code that opens an access copy. */
    private static final String EXPORT_CODE_PURPOSE = "export-code|";

    private final TransportSeal seal;

    private CodeSeal(TransportSeal seal) {
        this.seal = seal;
    }

    /**
     * A seal for the given key.
     *
     * @param base64Key standard base64 of exactly 32 bytes
     * @throws IllegalArgumentException if the key is not that (the message never shows the key)
     */
    public static CodeSeal fromBase64Key(String base64Key) {
        return new CodeSeal(TransportSeal.fromBase64Key("the code transport key", base64Key));
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
        try {
            return seal.open(sealedValue, associatedData, refusal);
        } catch (IllegalArgumentException e) {
            // TransportSeal's message: malformed, or this purpose's refusal; never anything of the ciphertext
            throw new UnreadableCodeException(e.getMessage());
        }
    }

    /** A sealed code or token that cannot be opened: a wrong key, another job's or export's, or damage. */
    public static final class UnreadableCodeException extends RuntimeException {
        public UnreadableCodeException(String message) {
            super(message, null, false, false);
        }
    }
}
