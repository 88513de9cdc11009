package io.chatprivacy.deletion.crypto;

import io.chatprivacy.deletion.config.VaultConfig;
import io.chatprivacy.platform.crypto.TransportSeal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Seals the secrets that travel to notification-service inside events: a verification code in
 * {@code deletion.verification-issued.v1} ({@code sealedCode}), an export's access token in
 * {@code deletion.export-ready.v1} ({@code sealedToken}) and an export's one-time code in
 * {@code deletion.export-code-issued.v1} ({@code sealedCode}), under {@code CODE_TRANSPORT_KEY}. The format
 * (base64url of IV, AES-256-GCM ciphertext and tag) is the platform's {@link TransportSeal}, the one
 * notification-service opens; this class only names each purpose's associated data: the job id (its canonical
 * UUID string) for a job's code, {@code "export|" + exportId} for a token and {@code "export-code|" + exportId}
 * for an export's code, so that none opens as another.
 */
@ApplicationScoped
public class CodeSealer {

    private final TransportSeal seal;

    @Inject
    CodeSealer(VaultConfig config) {
        this(VaultKeys.decodeKey("vault.code-transport-key (CODE_TRANSPORT_KEY)", config.codeTransportKey()));
    }

    /** @param transportKey the 32 bytes of {@code CODE_TRANSPORT_KEY} (copied) */
    public CodeSealer(byte[] transportKey) {
        this.seal = TransportSeal.fromKey("the code transport key", transportKey);
    }

    public String seal(String code, UUID jobId) {
        return seal.seal(code, codeAad(jobId));
    }

    /** What notification-service does; here for tests. */
    public String open(String sealedCode, UUID jobId) {
        return open(sealedCode, codeAad(jobId));
    }

    /** Seals an export's access token for {@code deletion.export-ready.v1}. */
    public String sealExportToken(String token, UUID exportId) {
        return seal.seal(token, exportAad(exportId));
    }

    /** What notification-service does with {@code sealedToken}; here for tests. */
    public String openExportToken(String sealedToken, UUID exportId) {
        return open(sealedToken, exportAad(exportId));
    }

    /** Seals an export's one-time code for {@code deletion.export-code-issued.v1}. */
    public String sealExportCode(String code, UUID exportId) {
        return seal.seal(code, exportCodeAad(exportId));
    }

    /** What notification-service does with an export code's {@code sealedCode}; here for tests. */
    public String openExportCode(String sealedCode, UUID exportId) {
        return open(sealedCode, exportCodeAad(exportId));
    }

    /** @throws UnreadableException when it is damaged, or sealed under another key or for another purpose */
    private String open(String sealedText, String aad) {
        try {
            return seal.open(sealedText, aad);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException(e.getMessage());
        }
    }

    private static String codeAad(UUID jobId) {
        return jobId.toString();
    }

    private static String exportAad(UUID exportId) {
        return "export|" + exportId;
    }

    private static String exportCodeAad(UUID exportId) {
        return "export-code|" + exportId;
    }
}
