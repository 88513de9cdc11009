package io.chatprivacy.platform.security;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemResponses;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one place that keeps accounts apart: every endpoint whose path holds an {@code {accountId}}
 * parameter is reachable only with a bearer token whose {@code account_id} claim is that account.
 *
 * <p>It fails closed: no token on such a path is 401, a token of another account is 403, and an
 * endpoint opts out only by being annotated {@link PermitAll} (the widget's key-authenticated calls).
 * Roles are still checked per endpoint with {@code @RolesAllowed}.
 */
public class AccountGuard {

    /** The path parameter that names the account an endpoint acts on. */
    public static final String ACCOUNT_PARAM = "accountId";

    private final CurrentIdentityAssociation identities;
    private final ProblemResponses responses;

    AccountGuard(CurrentIdentityAssociation identities, ProblemResponses responses) {
        this.identities = identities;
        this.responses = responses;
    }

    @ServerRequestFilter
    public Uni<Response> checkAccount(ContainerRequestContext request, ResourceInfo resource) {
        List<String> accounts = request.getUriInfo().getPathParameters().get(ACCOUNT_PARAM);
        if (accounts == null || accounts.isEmpty() || isPermitAll(resource)) {
            return Uni.createFrom().nullItem();
        }
        String path = request.getUriInfo().getPath();
        String pathAccount = accounts.get(0);
        return identities.getDeferredIdentity().map(identity -> decide(identity, pathAccount, path));
    }

    private Response decide(SecurityIdentity identity, String pathAccount, String path) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return responses.toResponse(
                    Problem.of("unauthorized", "Unauthorized", 401, "A valid bearer token is required.", List.of()),
                    path);
        }
        Object claim = token.getClaim(Roles.ACCOUNT_CLAIM);
        String tokenAccount = claim == null ? null : claim.toString().replace("\"", "");
        if (tokenAccount == null || !tokenAccount.equalsIgnoreCase(pathAccount)) {
            return responses.toResponse(
                    Problem.of(
                            "forbidden",
                            "Forbidden",
                            403,
                            "This token does not grant access to this account.",
                            List.of()),
                    path);
        }
        return null;
    }

    private static boolean isPermitAll(ResourceInfo resource) {
        var method = resource.getResourceMethod();
        if (method == null) {
            return false;
        }
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        return resource.getResourceClass() != null
                && resource.getResourceClass().isAnnotationPresent(PermitAll.class)
                && !method.isAnnotationPresent(RolesAllowed.class);
    }
}
