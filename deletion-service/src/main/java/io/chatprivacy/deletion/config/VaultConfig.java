package io.chatprivacy.deletion.config;

import io.smallrye.config.ConfigMapping;

/**
 * The vault's secrets. Both are base64 of 32 random bytes; in production they come from the
 * environment ({@code VAULT_MASTER_KEY}, {@code CODE_TRANSPORT_KEY}) and the service does not start
 * without them.
 */
@ConfigMapping(prefix = "vault")
public interface VaultConfig {

    /** Wraps every data subject's key; the code-hash, blind-index and pseudonym keys are derived from it. */
    String masterKey();

    /** Seals verification codes for notification-service (shared with it, and with nothing else). */
    String codeTransportKey();
}
