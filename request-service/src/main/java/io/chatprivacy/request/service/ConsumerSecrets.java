package io.chatprivacy.request.service;

import io.chatprivacy.platform.crypto.KeyedHash;
import io.chatprivacy.platform.crypto.TransportSeal;
import io.chatprivacy.request.config.RequestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The privacy center's secrets: consumers' one-time codes (8 digits, kept as an HMAC under a key derived from
 * {@code CODE_TRANSPORT_KEY}, bound to their intake) and status-page tokens (256 random bits, kept as SHA-256),
 * and their sealing for the trip through {@code request-events} to notification-service.
 */
@ApplicationScoped
public class ConsumerSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransportSeal seal;
    private final KeyedHash codeHash;

    @Inject
    ConsumerSecrets(RequestConfig config) {
        this(TransportSeal.fromBase64Key("request.code-transport-key (CODE_TRANSPORT_KEY)", config.codeTransportKey()));
    }

    ConsumerSecrets(TransportSeal seal) {
        this.seal = seal;
        this.codeHash = new KeyedHash(seal.derive("chat-privacy/request/consumer-code-hash"));
    }

    /** A new code: 8 decimal digits, uniformly random. */
    public String newCode() {
        return String.format("%08d", RANDOM.nextInt(100_000_000));
    }

    /** The code's keyed hash, bound to its intake (a code of one intake never matches another's). */
    public byte[] codeHash(UUID intakeId, String code) {
        return codeHash.of(intakeId + ":" + code);
    }

    public String sealCode(String code, UUID intakeId) {
        return seal.seal(code, "consumer|" + intakeId);
    }

    /** A new status token: 32 random bytes, base64url. */
    public String newStatusToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** The hex SHA-256 a status token is kept and looked up as. */
    public String statusTokenHash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public String sealStatusToken(String token, UUID requestId) {
        return seal.seal(token, "status|" + requestId);
    }
}
