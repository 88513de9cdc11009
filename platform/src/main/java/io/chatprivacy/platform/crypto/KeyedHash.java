package io.chatprivacy.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under one key, with one initialised {@link Mac} per thread: looking a MAC up and keying it
 * costs more than hashing a short value, and the services hash every address they index (consent-service's
 * ledger, deletion-service's vault). Safe to share between threads.
 */
public final class KeyedHash {

    private final ThreadLocal<Mac> mac;

    /** @param key the MAC key (copied) */
    public KeyedHash(byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(spec);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is not available", e);
            }
        });
    }

    /** The MAC of the message's UTF-8 bytes (doFinal leaves the MAC ready for the next one). */
    public byte[] of(String message) {
        return mac.get().doFinal(message.getBytes(StandardCharsets.UTF_8));
    }
}
