package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.ChatGateService;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The chat gate the chat platform asks before a chat starts. */
@Path("/accounts/{accountId}/chat-gate")
@Tag(name = "Chat gate")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ChatGateResource {

    private final ChatGateService gate;

    ChatGateResource(ChatGateService gate) {
        this.gate = gate;
    }

    @GET
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.OWNER})
    @Operation(summary = "May this visitor start a chat now? Yes only while every required consent is granted")
    public ChatGateResponse check(
            @PathParam("accountId") UUID accountId,
            @QueryParam("visitorId") @NotNull @Pattern(regexp = Patterns.VISITOR_ID) String visitorId) {
        return ChatGateResponse.of(accountId, visitorId, gate.decide(accountId, visitorId));
    }
}
