package io.chatprivacy.deletion.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Makes export access tokens: 32 bytes from a CSPRNG as base64url without padding (43 characters, safe
 * in an HTTP header as they are).
 */
public final class ExportTokens {

    public static final int TOKEN_BYTES = 32;
    /** Longer presented tokens are not even hashed. */
    public static final int MAX_LENGTH = 64;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private ExportTokens() {}

    public static String newToken() {
        byte[] token = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(token);
        return ENCODER.encodeToString(token);
    }
}
