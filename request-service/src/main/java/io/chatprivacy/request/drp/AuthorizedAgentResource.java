package io.chatprivacy.request.drp;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The authorized agents (Data Rights Protocol) an account accepts requests from; its owner keeps the list. */
@Path("/accounts/{accountId}/authorized-agents")
@Tag(name = "Authorized agents (DRP)")
@RolesAllowed(Roles.OWNER)
public class AuthorizedAgentResource {

    /** What an agent id may be (the registration's rule). */
    static final java.util.regex.Pattern AGENT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    /** An agent to accept. */
    public record RegisterAgentRequest(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}")
            String agentId,

            @NotBlank @Size(max = 200) @Pattern(regexp = "[^\\p{Cntrl}\\p{Cf}]+")
            String name,

            @NotBlank @Size(max = 100) String verifyKey,

            @NotBlank @Size(max = 500) @Pattern(regexp = "https?://[^\\s]+")
            String callbackPrefix) {}

    /** A registered agent (its key as registered; never a token). */
    public record AgentResponse(
            String agentId, String name, String verifyKey, String callbackPrefix, Instant createdAt) {
        static AgentResponse of(AuthorizedAgents.Agent agent) {
            return new AgentResponse(
                    agent.agentId(),
                    agent.name(),
                    Base64.getEncoder().encodeToString(agent.verifyKey()),
                    agent.callbackPrefix(),
                    agent.createdAt());
        }
    }

    private final AuthorizedAgents agents;

    AuthorizedAgentResource(AuthorizedAgents agents) {
        this.agents = agents;
    }

    @POST
    @Operation(
            summary = "Accept an authorized agent: its DRP id, name, Ed25519 verify key (base64) and callback prefix")
    public Response register(@PathParam("accountId") UUID accountId, @Valid @NotNull RegisterAgentRequest body) {
        byte[] key;
        try {
            key = DrpSignatures.parseVerifyKey(body.verifyKey());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "The verify key is not an Ed25519 public key.",
                    new Problem.Violation(
                            "verifyKey", "base64 of the agent's 32-byte Ed25519 public key: " + e.getMessage()));
        }
        AuthorizedAgents.Agent agent =
                agents.register(accountId, body.agentId(), body.name().strip(), key, body.callbackPrefix());
        return Response.status(Response.Status.CREATED)
                .entity(AgentResponse.of(agent))
                .build();
    }

    @GET
    @Operation(summary = "The authorized agents the account accepts")
    public List<AgentResponse> list(@PathParam("accountId") UUID accountId) {
        return agents.list(accountId).stream().map(AgentResponse::of).toList();
    }

    @DELETE
    @Path("/{agentId}")
    @Operation(summary = "Stop accepting an agent (its token stops working; its requests' DRP records go)")
    public Response delete(@PathParam("accountId") UUID accountId, @PathParam("agentId") String agentId) {
        // an id no agent can have (control characters, …) is no agent here: never sent to the database nor echoed
        if (!AGENT_ID.matcher(agentId).matches() || !agents.delete(accountId, agentId)) {
            throw ProblemException.notFound("No such authorized agent.");
        }
        return Response.noContent().build();
    }
}
