package io.chatprivacy.platform.testapp;

import com.fasterxml.jackson.databind.JsonNode;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.platform.text.TextRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An account-scoped endpoint whose body has a field of every JSON shape, to test how wrong shapes are answered. */
@Path("/accounts/{accountId}/shapes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ShapesResource {

    public enum Colour {
        RED,
        GREEN
    }

    public record Inner(String label, int size) {}

    public record ShapeRequest(
            String tag,
            List<String> tags,
            Integer count,
            UUID ref,
            Colour colour,
            Boolean flag,
            Inner inner,
            List<Inner> inners,
            JsonNode extra) {}

    @POST
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    public Map<String, String> accept(@PathParam("accountId") UUID accountId, @Valid @NotNull ShapeRequest request) {
        return Map.of("tag", String.valueOf(request.tag()));
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    public Map<String, String> read(
            @PathParam("accountId") UUID accountId,
            @QueryParam("tag") @Size(max = 100) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String tag) {
        return Map.of("accountId", accountId.toString());
    }
}
