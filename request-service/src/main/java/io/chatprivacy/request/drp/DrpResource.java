package io.chatprivacy.request.drp;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.service.PrivacyCenterService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Data Rights Protocol's Covered Business endpoints, one set per account: the spec's paths under
 * {@code /drp/{accountId}}. No JWT: an agent pairs with a message signed by the key its account registered, and
 * presents the token it got as a bearer token; requests are signed messages ({@code text/plain}, base64).
 */
@Path("/drp/{accountId}")
@Tag(name = "Data Rights Protocol (authorized agents)")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class DrpResource {

    private final DrpService drp;
    private final PrivacyCenterService center;

    DrpResource(DrpService drp, PrivacyCenterService center) {
        this.drp = drp;
        this.center = center;
    }

    @GET
    @Path("/.well-known/data-rights.json")
    @Operation(summary = "Discovery: the protocol version, the API base and the actions taken here")
    public Response discovery(@PathParam("accountId") UUID accountId, @Context UriInfo uri) {
        return answer(() -> {
            center.account(accountId);
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("version", DrpService.VERSION);
            document.put(
                    "api_base",
                    uri.getBaseUriBuilder()
                            .path("drp")
                            .path(accountId.toString())
                            .build()
                            .toString());
            document.put(
                    "actions", DrpMapping.ACTIONS.keySet().stream().sorted().toList());
            document.put("user_relationships", List.of());
            return Response.ok(document).build();
        });
    }

    @POST
    @Path("/v1/agent/{agentId}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Operation(
            summary =
                    "Pair-wise key setup (§2.05): a signed message → {agent-id, token}; 403 (a problem saying only that) if refused")
    public Response pair(@PathParam("accountId") UUID accountId, @PathParam("agentId") String agentId, String body) {
        return answer(() -> {
            if (!signedMessage(body)) {
                // no credential presented at all (the signature is the pairing's credential): 401, as everywhere
                throw DrpError.of(401, "A message signed with the agent's registered key is required.");
            }
            if (!AuthorizedAgentResource.AGENT_ID.matcher(agentId).matches()) {
                throw DrpError.pairingRefused("not an agent id");
            }
            String token = drp.pair(accountId, agentId, body);
            Map<String, Object> paired = new LinkedHashMap<>();
            paired.put("agent-id", agentId);
            paired.put("token", token);
            return Response.ok(paired).build();
        });
    }

    @GET
    @Path("/v1/agent/{agentId}")
    @Operation(summary = "Agent information (§2.06): {} when the bearer token is this agent's, else 403")
    public Response agent(
            @PathParam("accountId") UUID accountId,
            @PathParam("agentId") String agentId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> {
            AuthorizedAgents.Agent agent = drp.agent(accountId, bearer(authorization));
            if (!agent.agentId().equals(agentId)) {
                throw DrpError.of(403, "The bearer token is not this agent's.");
            }
            return Response.ok(Map.of()).build();
        });
    }

    @POST
    @Path("/v1/data-rights-request")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Operation(summary = "Data rights exercise (§2.01): a signed request → the Exercise Status object")
    public Response exercise(
            @PathParam("accountId") UUID accountId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        return answer(() -> Response.ok(drp.exercise(accountId, bearer(authorization), body))
                .build());
    }

    @DELETE
    @Path("/v1/data-rights-request/{requestId}")
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Operation(
            summary = "Data rights revoke (§2.04): a signed message withdraws a request still waiting for the"
                    + " consumer's code → the Exercise Status object (revoked); 409 once it is being carried out")
    public Response revoke(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            String body) {
        return answer(() -> Response.ok(drp.revoke(accountId, bearer(authorization), requestIdOf(requestId), body))
                .build());
    }

    @GET
    @Path("/v1/data-rights-request/{requestId}")
    @Operation(summary = "Data rights status (§2.02): the Exercise Status object; 403 for another agent's request")
    public Response status(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") String requestId,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return answer(() -> Response.ok(drp.status(accountId, bearer(authorization), requestIdOf(requestId)))
                .build());
    }

    /**
     * A request id that is not a UUID names no request: null, which the service answers 404 like an unknown one,
     * after it checked the bearer token (a caller without an agent's token learns nothing about ids).
     */
    private static UUID requestIdOf(String requestId) {
        try {
            return UUID.fromString(requestId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether a body has the shape of a signed message: base64 of more than a 64-byte signature. */
    private static boolean signedMessage(String body) {
        if (body == null || body.isBlank()) {
            return false;
        }
        try {
            return java.util.Base64.getDecoder().decode(body.strip()).length > 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw DrpError.of(
                    401, "An Authorization: Bearer token from pairing (POST /v1/agent/{agent-id}) is required.");
        }
        return authorization.substring(7).strip();
    }

    /**
     * Runs an endpoint, answering its refusals as every refusal of this system is answered, an RFC 9457
     * {@code application/problem+json} document, which also carries the spec's error members (§3.06: {@code code},
     * {@code message}, {@code fatal}) so a protocol client reads it as the spec says. A refused pairing (§2.05.1, "no
     * body") gets a problem that says no more than that it was refused.
     */
    private static Response answer(Supplier<Response> endpoint) {
        try {
            return endpoint.get();
        } catch (DrpError e) {
            if (e.bodyless()) {
                return error(e.status(), "The pairing was refused.", true);
            }
            return error(e.status(), e.getMessage(), e.fatal());
        } catch (ProblemException e) {
            return error(e.problem().status(), e.problem().detail(), false);
        }
    }

    private static Response error(int status, String message, boolean fatal) {
        Problem base = Problem.ofStatus(status);
        Problem problem = Problem.of("drp-" + status, base.title(), status, message, List.of())
                .with("code", String.valueOf(status))
                .with("message", message);
        if (fatal) {
            problem = problem.with("fatal", true);
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
