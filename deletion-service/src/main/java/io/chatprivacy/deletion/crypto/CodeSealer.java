package io.chatprivacy.deletion.crypto;

import io.chatprivacy.deletion.config.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Seals the secrets that travel to notification-service inside events: a verification code in
 * {@code deletion.verification-issued.v1} ({@code sealedCode}), an export's access token in
 * {@code deletion.export-ready.v1} ({@code sealedToken}) and an export's one-time code in
 * {@code deletion.export-code-issued.v1} ({@code sealedCode}). All are base64url without padding of {@code
 * 12-byte IV || AES-256-GCM ciphertext and 16-byte tag} of the secret's UTF-8 bytes under {@code
 * CODE_TRANSPORT_KEY}; the associated data is the job id (its canonical UUID string, UTF-8) for a job's code,
 * {@code "export|" + exportId} for a token and {@code "export-code|" + exportId} for an export's code, so that
 * none opens as another.
 */
@ApplicationScoped
public class CodeSealer {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final byte[] transportKey;

    @Inject
    CodeSealer(VaultConfig config) {
        this(VaultKeys.decodeKey("vault.code-transport-key (CODE_TRANSPORT_KEY)", config.codeTransportKey()));
    }

    public CodeSealer(byte[] transportKey) {
        this.transportKey = transportKey.clone();
    }

    public String seal(String code, UUID jobId) {
        return seal(code, codeAad(jobId));
    }

    /** What notification-service does; here for tests and the benchmark. */
    public String open(String sealedCode, UUID jobId) {
        return open(sealedCode, codeAad(jobId));
    }

    /** Seals an export's access token for {@code deletion.export-ready.v1}. */
    public String sealExportToken(String token, UUID exportId) {
        return seal(token, exportAad(exportId));
    }

    /** What notification-service does with {@code sealedToken}; here for tests. */
    public String openExportToken(String sealedToken, UUID exportId) {
        return open(sealedToken, exportAad(exportId));
    }

    /** Seals an export's one-time code for {@code deletion.export-code-issued.v1}. */
    public String sealExportCode(String code, UUID exportId) {
        return seal(code, ("export-code|" + exportId).getBytes(StandardCharsets.UTF_8));
    }

    /** What notification-service does with an export code's {@code sealedCode}; here for tests. */
    public String openExportCode(String sealedCode, UUID exportId) {
        return open(sealedCode, ("export-code|" + exportId).getBytes(StandardCharsets.UTF_8));
    }

    private String seal(String secret, byte[] aad) {
        return ENCODER.encodeToString(Aead.seal(transportKey, secret.getBytes(StandardCharsets.UTF_8), aad));
    }

    private String open(String sealedText, byte[] aad) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedText);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("sealed secret is not base64url");
        }
        return new String(Aead.open(transportKey, sealed, aad), StandardCharsets.UTF_8);
    }

    private static byte[] codeAad(UUID jobId) {
        return jobId.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] exportAad(UUID exportId) {
        return ("export|" + exportId).getBytes(StandardCharsets.UTF_8);
    }
}
