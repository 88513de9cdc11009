package io.chatprivacy.request.rest;

import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.service.AppealService;
import io.chatprivacy.request.service.RightsRequestService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A consumer's appeal of a declined request (where the jurisdiction grants one), and the owner's decision. */
@Path("/accounts/{accountId}/rights-requests/{requestId}/appeal")
@Tag(name = "Rights requests")
@SecurityRequirement(name = "bearer")
public class AppealResource {

    private final AppealService appeals;
    private final RightsRequestService requests;
    private final Caller caller;

    AppealResource(AppealService appeals, RightsRequestService requests, Caller caller) {
        this.appeals = appeals;
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Log the consumer's appeal of a declined request, within the jurisdiction's window")
    public RightsRequestResponse appeal(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @Valid @NotNull AppealRightsRequestRequest body) {
        return view(appeals.appeal(accountId, requestId, body.statement(), caller.userId()));
    }

    @POST
    @Path("/decision")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Decide an appeal (owner only): UPHELD keeps the decline, REVERSED opens the request again")
    public RightsRequestResponse decide(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @Valid @NotNull DecideAppealRequest body) {
        return view(appeals.decide(accountId, requestId, body.decision(), body.explanation(), caller.userId()));
    }

    private RightsRequestResponse view(RightsRequest request) {
        return RightsRequestResponse.of(
                request,
                true,
                requests.statutoryClock(),
                requests.now(),
                false,
                requests.packs().of(request.jurisdiction()).clockRules());
    }
}
