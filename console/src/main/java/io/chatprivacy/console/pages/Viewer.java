package io.chatprivacy.console.pages;

import io.quarkus.oidc.IdToken;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is signed in: their name, their account (the {@code account_id} claim the provider puts in their
 * tokens) and their roles (the {@code groups} claim). The console uses them only to address the services
 * and to leave out what a role could never do; the services decide.
 */
@RequestScoped
public class Viewer {

    static final String ACCOUNT_CLAIM = "account_id";

    @Inject
    SecurityIdentity identity;

    @Inject
    @IdToken
    JsonWebToken idToken;

    /** The signed-in person's account; a person without one may sign in but sees nothing. */
    public UUID accountId() {
        Object claim = idToken.getClaim(ACCOUNT_CLAIM);
        if (claim == null) {
            throw new ForbiddenException("no account in the token");
        }
        try {
            return UUID.fromString(claim.toString().replace("\"", ""));
        } catch (IllegalArgumentException e) {
            throw new ForbiddenException("no account in the token");
        }
    }

    public String name() {
        String name = idToken.getClaim("name");
        if (name == null || name.isBlank()) {
            name = idToken.getClaim("email");
        }
        return name == null ? identity.getPrincipal().getName() : name;
    }

    public Set<String> roles() {
        return identity.getRoles();
    }

    public boolean isOwner() {
        return identity.hasRole("owner");
    }
}
