package io.chatprivacy.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The local stack's service secrets, generated once into {@code <dataDir>/keys/} and kept across
 * restarts (the vault's data is unreadable without the same master key). Each service receives only
 * the secrets it uses.
 *
 * @param vaultMasterKey base64 of 32 random bytes: wraps deletion-service's data-subject keys
 * @param codeTransportKey base64 of 32 random bytes: seals verification codes between
 *     deletion-service and notification-service
 * @param pseudonymKey base64 of 32 random bytes: consent-service's key for email blind indexes and IP hashes
 */
public record ServiceSecrets(String vaultMasterKey, String codeTransportKey, String pseudonymKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the keys from {@code dir}, creating any that do not exist yet (owner-readable only). */
    public static ServiceSecrets loadOrCreate(Path dir) {
        try {
            Files.createDirectories(dir);
            return new ServiceSecrets(
                    key(dir.resolve("vault-master.key")),
                    key(dir.resolve("code-transport.key")),
                    key(dir.resolve("consent-pseudonym.key")));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare service secrets in " + dir, e);
        }
    }

    /** The secret environment variables of one service. */
    public Map<String, String> environment(Service service) {
        Map<String, String> env = new LinkedHashMap<>();
        switch (service) {
            case DELETION -> {
                env.put("VAULT_MASTER_KEY", vaultMasterKey);
                env.put("CODE_TRANSPORT_KEY", codeTransportKey);
            }
            // request-service seals the privacy center's consumer codes and status tokens for notification-service
            case NOTIFICATION, REQUEST -> env.put("CODE_TRANSPORT_KEY", codeTransportKey);
            case CONSENT -> env.put("PSEUDONYM_KEY", pseudonymKey);
            default -> {}
        }
        return env;
    }

    private static String key(Path file) throws IOException {
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String encoded = Base64.getEncoder().encodeToString(bytes);
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data folder's own permissions must do
        }
        Files.writeString(tmp, encoded + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, file);
        return encoded;
    }
}
