package io.chatprivacy.request.drp;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * The Data Rights Protocol's signed messages (spec §3.07.1): a JSON document with its Ed25519 signature
 * prepended (libsodium's "combined mode": 64 signature bytes, then the message bytes), the whole base64 encoded
 * and sent as {@code text/plain}. The signature covers exactly the JSON bytes after it. Agents' verify keys are
 * the 32 raw bytes of the Ed25519 public key, base64 encoded (as the agent directory publishes them).
 *
 * <p>Pure: the JDK's Ed25519 (Java 15+), no state.
 */
public final class DrpSignatures {

    /** Length of an Ed25519 signature. */
    public static final int SIGNATURE_BYTES = 64;

    /** Length of a raw Ed25519 public key. */
    public static final int KEY_BYTES = 32;

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32 key bytes. */
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private DrpSignatures() {}

    /**
     * The raw verify key from its base64 form.
     *
     * @throws IllegalArgumentException when it is not base64 of 32 bytes, or not a point Ed25519 accepts
     */
    public static byte[] parseVerifyKey(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64");
        }
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("must be the 32 bytes of an Ed25519 public key");
        }
        publicKey(raw);
        return raw;
    }

    /** The raw 32 key bytes of a JDK Ed25519 public key (its X.509 encoding without the prefix). */
    public static byte[] rawKey(PublicKey key) {
        byte[] encoded = key.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - KEY_BYTES, encoded.length);
    }

    /**
     * The message a signed body carries, if it decodes from base64 and its signature verifies under the key;
     * empty otherwise (never which of the two failed: the caller answers both alike).
     */
    public static Optional<byte[]> open(String body, byte[] verifyKey) {
        byte[] combined = decode(body).orElse(null);
        if (combined == null || combined.length <= SIGNATURE_BYTES) {
            return Optional.empty();
        }
        byte[] signature = Arrays.copyOfRange(combined, 0, SIGNATURE_BYTES);
        byte[] message = Arrays.copyOfRange(combined, SIGNATURE_BYTES, combined.length);
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey(verifyKey));
            verifier.update(message);
            return verifier.verify(signature) ? Optional.of(message) : Optional.empty();
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The base64-decoded body (standard or URL-safe alphabet, whitespace around ignored), if it decodes. */
    public static Optional<byte[]> decode(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        String text = body.strip();
        try {
            return Optional.of(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            try {
                return Optional.of(Base64.getUrlDecoder().decode(text));
            } catch (IllegalArgumentException again) {
                return Optional.empty();
            }
        }
    }

    private static PublicKey publicKey(byte[] raw) {
        byte[] encoded = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + KEY_BYTES);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, KEY_BYTES);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }
}
