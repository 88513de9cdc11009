package io.chatprivacy.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.platform.config.PlatformConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens of two issuers: the system's own signer ({@code mp.jwt.verify.issuer} and its public key,
 * as before: tests, the stack's demo tokens, machine identities) and, when {@code backbone.oidc.issuer} is set
 * ({@code OIDC_ISSUER_URL}), an OpenID Connect provider's, checked against the keys of its JWKS.
 *
 * <p>The {@code iss} claim, read unverified, only picks which of the two verifies the token; each then checks the
 * signature with its own keys, the issuer, expiry and, for the provider, the audience. A token of the provider is
 * read exactly like one of the signer: roles in {@code groups}, the account in {@code account_id} (the provider's
 * mappers put them there), so {@link AccountGuard} and {@code @RolesAllowed} treat both alike. Without
 * {@code backbone.oidc.issuer} nothing changes: every token goes to the signer's verification.
 */
@ApplicationScoped
@Alternative
@Priority(1)
public class IssuerTokens extends JWTCallerPrincipalFactory {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> oidcIssuer;
    private final Optional<String> oidcJwksUrl;
    private final Optional<String> oidcAudience;
    // one factory per issuer: a factory's parser keeps the key resolver of the first context it saw
    private final DefaultJWTCallerPrincipalFactory own = new DefaultJWTCallerPrincipalFactory();
    private final DefaultJWTCallerPrincipalFactory provider = new DefaultJWTCallerPrincipalFactory();
    private volatile JWTAuthContextInfo providerContext;

    IssuerTokens(PlatformConfig config) {
        this.oidcIssuer = nonBlank(config.oidc().issuer()).map(IssuerTokens::noSlash);
        this.oidcJwksUrl = nonBlank(config.oidc().jwksUrl());
        this.oidcAudience = nonBlank(config.oidc().audience());
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(s -> !s.isEmpty());
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo context) throws ParseException {
        if (oidcIssuer.isPresent() && oidcIssuer.get().equals(unverifiedIssuer(token))) {
            return provider.parse(token, providerContext(context));
        }
        return own.parse(token, context);
    }

    private JWTAuthContextInfo providerContext(JWTAuthContextInfo own) throws ParseException {
        JWTAuthContextInfo context = providerContext;
        if (context == null) {
            synchronized (this) {
                context = providerContext;
                if (context == null) {
                    context = new JWTAuthContextInfo(own);
                    context.setIssuedBy(oidcIssuer.get());
                    context.setPublicVerificationKey(null);
                    context.setSignerKey(null);
                    context.setPublicKeyContent(null);
                    context.setPublicKeyLocation(oidcJwksUrl.isPresent() ? oidcJwksUrl.get() : discoverJwks());
                    context.setExpectedAudience(oidcAudience.map(Set::of).orElse(null));
                    providerContext = context;
                }
            }
        }
        return context;
    }

    /** The provider's {@code jwks_uri}, from its discovery document. */
    private String discoverJwks() throws ParseException {
        URI discovery = URI.create(oidcIssuer.get() + "/.well-known/openid-configuration");
        try {
            HttpResponse<String> response = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .build()
                    .send(
                            HttpRequest.newBuilder(discovery)
                                    .timeout(Duration.ofSeconds(10))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            String jwks = response.statusCode() == 200
                    ? JSON.readTree(response.body()).path("jwks_uri").asText("")
                    : "";
            if (jwks.isEmpty()) {
                throw new ParseException("No jwks_uri from " + discovery + " (HTTP " + response.statusCode() + ")");
            }
            return jwks;
        } catch (IOException e) {
            throw new ParseException("Cannot read " + discovery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParseException("Interrupted while reading " + discovery, e);
        }
    }

    /** The {@code iss} claim of a signed token, unverified (it only chooses who verifies), or null. */
    static String unverifiedIssuer(String token) {
        int first = token.indexOf('.');
        int second = first < 0 ? -1 : token.indexOf('.', first + 1);
        if (second < 0 || token.indexOf('.', second + 1) >= 0) {
            return null; // not a three-part signed token (an encrypted one has five)
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(first + 1, second));
            JsonNode iss =
                    JSON.readTree(new String(payload, StandardCharsets.UTF_8)).get("iss");
            return iss != null && iss.isTextual() ? noSlash(iss.asText()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String noSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }
}
