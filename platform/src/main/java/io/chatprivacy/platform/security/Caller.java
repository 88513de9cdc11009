package io.chatprivacy.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling: the authenticated user's id, roles and account, for audit trails and checks. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The user id (token subject), or {@code anonymous}. */
    public String userId() {
        if (identity.isAnonymous()) {
            return "anonymous";
        }
        if (identity.getPrincipal() instanceof JsonWebToken token && token.getSubject() != null) {
            return token.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    /** The account the token acts for, if it names one. */
    public Optional<UUID> accountId() {
        if (identity.getPrincipal() instanceof JsonWebToken token) {
            Object claim = token.getClaim(Roles.ACCOUNT_CLAIM);
            if (claim != null) {
                try {
                    return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
