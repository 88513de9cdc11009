package io.chatprivacy.notification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealing side of the code transport (deletion-service's and request-service's), written from the format's
 * description alone (not from this service's code): base64url(IV || AES-256-GCM(secret) || tag), AAD = the job id
 * for an owner's code, {@code "export|" + exportId} for an export token, {@code "consumer|" + intakeId} for a
 * consumer's code, {@code "status|" + requestId} for a status token, {@code "export-code|" + exportId} for the code
 * that opens an access copy.
 */
public final class Seals {

    /** The development key both services use outside production. */
    public static final byte[] DEV_KEY = "dev-only-code-transport-key-0001".getBytes(StandardCharsets.US_ASCII);

    private static final SecureRandom RANDOM = new SecureRandom();

    private Seals() {}

    public static String seal(String code, UUID jobId) {
        return seal(code, jobId, DEV_KEY);
    }

    public static String seal(String code, UUID jobId, byte[] key) {
        return seal(code, jobId.toString(), key);
    }

    /** An access export's token sealed as deletion-service seals it. */
    public static String sealExportToken(String token, UUID exportId) {
        return seal(token, "export|" + exportId, DEV_KEY);
    }

    /** The code that opens an access copy, sealed as deletion-service seals it. */
    public static String sealExportCode(String code, UUID exportId) {
        return seal(code, "export-code|" + exportId, DEV_KEY);
    }

    /** A consumer's code (privacy center) sealed as request-service seals it. */
    public static String sealConsumerCode(String code, UUID intakeId) {
        return seal(code, "consumer|" + intakeId, DEV_KEY);
    }

    /** A request's status token sealed as request-service seals it. */
    public static String sealStatusToken(String token, UUID requestId) {
        return seal(token, "status|" + requestId, DEV_KEY);
    }

    private static String seal(String secret, String associatedData, byte[] key) {
        try {
            byte[] iv = new byte[12];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A random export token: 32 random bytes, base64url without padding. */
    public static String exportToken() {
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
    }

    /** A random code of the given number of digits. */
    public static String code(int digits) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            code.append(RANDOM.nextInt(10));
        }
        return code.toString();
    }
}
