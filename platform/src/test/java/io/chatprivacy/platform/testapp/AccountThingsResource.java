package io.chatprivacy.platform.testapp;

import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;

/** An account-scoped test endpoint guarded only by the platform's AccountGuard and role checks. */
@Path("/accounts/{accountId}/things")
public class AccountThingsResource {

    public record CreateThingRequest(
            @NotBlank String name, @Email String ownerEmail) {}

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    public Map<String, String> list(@PathParam("accountId") UUID accountId) {
        return Map.of("accountId", accountId.toString());
    }

    @POST
    @RolesAllowed(Roles.OWNER)
    public Map<String, String> create(@PathParam("accountId") UUID accountId, @Valid CreateThingRequest request) {
        if (request.name().equals("taken")) {
            throw ProblemException.conflict("thing-exists", "A thing of that name exists.");
        }
        return Map.of("name", request.name());
    }

    @GET
    @Path("/public")
    @PermitAll
    public Map<String, String> open(@PathParam("accountId") UUID accountId) {
        return Map.of("visible", "yes");
    }

    @GET
    @Path("/boom")
    @RolesAllowed(Roles.OWNER)
    @jakarta.ws.rs.Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> boom(@PathParam("accountId") UUID accountId) {
        throw new IllegalStateException("secret internal detail");
    }
}
