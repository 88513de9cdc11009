package io.chatprivacy.deletion.crypto;

import io.chatprivacy.deletion.config.VaultConfig;
import io.chatprivacy.platform.crypto.KeyedHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master key and the keys derived from it: one wraps data-subject keys, one hashes verification
 * codes (deletion jobs' and exports'), one hashes export access tokens, one seals the address an export's codes go to, one makes blind indexes of subject identities (emails, visitor ids), one makes pseudonyms of
 * user ids for receipts. Each purpose has its own key (HMAC-SHA256 of the master key over the
 * purpose's name), so no value computed for one purpose is usable for another.
 */
@ApplicationScoped
public class VaultKeys {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] subjectWrapKey;
    private final KeyedHash codeHash;
    private final KeyedHash exportTokenHash;
    private final byte[] exportAddressKey;
    private final KeyedHash blindIndex;
    private final KeyedHash pseudonym;

    @Inject
    VaultKeys(VaultConfig config) {
        this(decodeKey("vault.master-key (VAULT_MASTER_KEY)", config.masterKey()));
    }

    /** For tests of pure logic. */
    public VaultKeys(byte[] masterKey) {
        this.subjectWrapKey = hmac(masterKey, "chat-privacy/vault/subject-key-wrap");
        this.codeHash = new KeyedHash(hmac(masterKey, "chat-privacy/vault/verification-code-hash"));
        this.exportTokenHash = new KeyedHash(hmac(masterKey, "chat-privacy/vault/export-token-hash"));
        this.exportAddressKey = hmac(masterKey, "chat-privacy/vault/export-address");
        this.blindIndex = new KeyedHash(hmac(masterKey, "chat-privacy/vault/blind-index"));
        this.pseudonym = new KeyedHash(hmac(masterKey, "chat-privacy/vault/user-pseudonym"));
    }

    /** Decodes a base64 256-bit key from configuration; names the setting, never the value, when it is wrong. */
    public static byte[] decodeKey(String setting, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64 == null ? "" : base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(setting + " is not base64");
        }
        if (key.length != Aead.KEY_BYTES) {
            throw new IllegalStateException(setting + " must be base64 of 32 bytes, got " + key.length + " bytes");
        }
        return key;
    }

    /** Wraps a subject key for storage, bound to its id and account. */
    public byte[] wrapSubjectKey(UUID subjectKeyId, UUID accountId, byte[] subjectKey) {
        return Aead.seal(subjectWrapKey, subjectKey, subjectAad(subjectKeyId, accountId));
    }

    /** @throws UnreadableException if the wrapped key is not the one stored for this id and account */
    public byte[] unwrapSubjectKey(UUID subjectKeyId, UUID accountId, byte[] wrapped) {
        return Aead.open(subjectWrapKey, wrapped, subjectAad(subjectKeyId, accountId));
    }

    /** Keyed hash of an email address (trimmed, lower-cased) for look-ups without storing it in clear. */
    public byte[] emailIndex(String email) {
        return blindIndex.of("email:" + normaliseEmail(email));
    }

    /** Keyed hash of the platform's visitor id. */
    public byte[] visitorIndex(String visitorId) {
        return blindIndex.of("visitor:" + visitorId.strip());
    }

    /** Keyed hash of any other subject identity (kind names its namespace). */
    public byte[] subjectIndex(String kind, String value) {
        return blindIndex.of(kind + ":" + value);
    }

    /** What is stored of a verification code: an HMAC bound to its job. */
    public byte[] codeHash(UUID jobId, String code) {
        return codeHash.of(jobId + ":" + code);
    }

    /** Compares a presented code's hash with the stored one in constant time. */
    public boolean codeMatches(UUID jobId, String presented, byte[] storedHash) {
        return storedHash != null && MessageDigest.isEqual(codeHash(jobId, presented), storedHash);
    }

    /**
     * What is stored of an export's one-time code: an HMAC under the verification-code key, bound to the export
     * ({@code "export|"} first, so that it can never equal a deletion job's, which starts with the job id).
     */
    public byte[] exportCodeHash(UUID exportId, String code) {
        return codeHash.of("export|" + exportId + ":" + code);
    }

    /** Compares a presented export code's hash with the stored one in constant time. */
    public boolean exportCodeMatches(UUID exportId, String presented, byte[] storedHash) {
        byte[] hash = exportCodeHash(exportId, presented == null ? "" : presented);
        return presented != null && storedHash != null && MessageDigest.isEqual(hash, storedHash);
    }

    /** Seals the address an export's codes go to, for storage with the export (bound to it). */
    public byte[] sealExportAddress(UUID exportId, String address) {
        return Aead.seal(exportAddressKey, address.getBytes(StandardCharsets.UTF_8), exportAddressAad(exportId));
    }

    /** @throws UnreadableException if the sealed address is not the one stored for this export */
    public String openExportAddress(UUID exportId, byte[] sealed) {
        return new String(Aead.open(exportAddressKey, sealed, exportAddressAad(exportId)), StandardCharsets.UTF_8);
    }

    /** What is stored of an export's access token: an HMAC bound to its export. */
    public byte[] exportTokenHash(UUID exportId, String token) {
        return exportTokenHash.of(exportId + ":" + token);
    }

    /** Compares a presented token's hash with the stored one in constant time; no token never matches. */
    public boolean exportTokenMatches(UUID exportId, String presented, byte[] storedHash) {
        // the hash is computed even when nothing is stored, so both answers take the same time
        byte[] hash = exportTokenHash(exportId, presented == null ? "" : presented);
        return presented != null && storedHash != null && MessageDigest.isEqual(hash, storedHash);
    }

    /**
     * A stable pseudonym of a user id (token subject, which may be an email address) for receipts,
     * which must hold no personal data: {@code user:<32 hex digits>}.
     */
    public String pseudonym(String userId) {
        return "user:" + HEX.formatHex(pseudonym.of(userId)).substring(0, 32);
    }

    public static String normaliseEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static byte[] exportAddressAad(UUID exportId) {
        return ("export-address|" + exportId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] subjectAad(UUID subjectKeyId, UUID accountId) {
        return ("subject-key|" + subjectKeyId + "|" + accountId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hmac(byte[] key, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
