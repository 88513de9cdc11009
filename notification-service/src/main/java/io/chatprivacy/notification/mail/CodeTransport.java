package io.chatprivacy.notification.mail;

import io.chatprivacy.notification.config.NotificationConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The verification codes' transport key, checked at start-up (a service that could not open codes
 * must not start), and the one place that opens a sealed code.
 */
@Startup
@ApplicationScoped
public class CodeTransport {

    /** Codes are decimal digits: 8 or more, as deletion-service issues them. */
    private static final Pattern CODE = Pattern.compile("[0-9]{8,64}");

    private final CodeSeal seal;

    CodeTransport(NotificationConfig config) {
        try {
            this.seal = CodeSeal.fromBase64Key(config.codeTransportKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("notification.code-transport-key (CODE_TRANSPORT_KEY): " + e.getMessage());
        }
    }

    /**
     * Opens a sealed code and checks that it looks like a code.
     *
     * @throws CodeSeal.UnreadableCodeException if it cannot be opened or is no code
     */
    public String open(String sealedCode, UUID jobId) {
        String code = seal.unseal(sealedCode, jobId);
        if (!CODE.matcher(code).matches()) {
            throw new CodeSeal.UnreadableCodeException("the sealed value is not a verification code");
        }
        return code;
    }
}
