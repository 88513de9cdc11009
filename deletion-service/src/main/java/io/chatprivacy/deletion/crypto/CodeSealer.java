package io.chatprivacy.deletion.crypto;

import io.chatprivacy.deletion.config.VaultConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Seals a verification code for its trip to notification-service inside
 * {@code deletion.verification-issued.v1}: {@code sealedCode} = base64url without padding of {@code
 * 12-byte IV || AES-256-GCM ciphertext and 16-byte tag} of the code's UTF-8 bytes under {@code
 * CODE_TRANSPORT_KEY}, with the job id (its canonical UUID string, UTF-8) as associated data.
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
        return ENCODER.encodeToString(Aead.seal(transportKey, code.getBytes(StandardCharsets.UTF_8), aad(jobId)));
    }

    /** What notification-service does; here for tests and the benchmark. */
    public String open(String sealedCode, UUID jobId) {
        byte[] sealed;
        try {
            sealed = Base64.getUrlDecoder().decode(sealedCode);
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("sealed code is not base64url");
        }
        return new String(Aead.open(transportKey, sealed, aad(jobId)), StandardCharsets.UTF_8);
    }

    private static byte[] aad(UUID jobId) {
        return jobId.toString().getBytes(StandardCharsets.UTF_8);
    }
}
