package io.chatprivacy.notification.mail;

import io.chatprivacy.notification.config.NotificationConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The transport key of verification codes, export tokens and status tokens, checked at start-up (a service that
 * could not open them must not start), and the one place that opens them.
 */
@Startup
@ApplicationScoped
public class CodeTransport {

    /** Codes are decimal digits: 8 or more, as deletion-service issues them. */
    private static final Pattern CODE = Pattern.compile("[0-9]{8,64}");

    /**
     * Export tokens go into a link's query string: URL-safe characters only (base64url, hex), so the link
     * needs no escaping and cannot be bent.
     */
    private static final Pattern EXPORT_TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,512}");

    /**
     * Status tokens go into a link's query string: URL-safe characters only (base64url, hex), so the link
     * needs no escaping and cannot be bent.
     */
    private static final Pattern STATUS_TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,512}");

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

    /**
     * Opens a sealed access export token and checks that it can travel in a link's query string.
     *
     * @throws CodeSeal.UnreadableCodeException if it cannot be opened or is no token
     */
    public String openExportToken(String sealedToken, UUID exportId) {
        String token = seal.unsealExportToken(sealedToken, exportId);
        if (!EXPORT_TOKEN.matcher(token).matches()) {
            throw new CodeSeal.UnreadableCodeException("the sealed value is not an export token");
        }
        return token;
    }

    /**
     * Opens the sealed one-time code that opens an access copy and checks that it looks like a code.
     *
     * @throws CodeSeal.UnreadableCodeException if it cannot be opened or is no code
     */
    public String openExportCode(String sealedCode, UUID exportId) {
        String code = seal.unsealExportCode(sealedCode, exportId);
        if (!CODE.matcher(code).matches()) {
            throw new CodeSeal.UnreadableCodeException("the sealed value is not a verification code");
        }
        return code;
    }

    /**
     * Opens a consumer's sealed verification code (privacy center) and checks that it looks like a code.
     *
     * @throws CodeSeal.UnreadableCodeException if it cannot be opened or is no code
     */
    public String openConsumerCode(String sealedCode, UUID intakeId) {
        String code = seal.unsealConsumerCode(sealedCode, intakeId);
        if (!CODE.matcher(code).matches()) {
            throw new CodeSeal.UnreadableCodeException("the sealed value is not a verification code");
        }
        return code;
    }

    /**
     * Opens a request's sealed status token and checks that it can travel in a link's query string.
     *
     * @throws CodeSeal.UnreadableCodeException if it cannot be opened or is no token
     */
    public String openStatusToken(String sealedToken, UUID requestId) {
        String token = seal.unsealStatusToken(sealedToken, requestId);
        if (!STATUS_TOKEN.matcher(token).matches()) {
            throw new CodeSeal.UnreadableCodeException("the sealed value is not a status token");
        }
        return token;
    }
}
