package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.service.ConsentHistoryService;
import io.chatprivacy.consent.service.RevocationService;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What agents do with the ledger: revoke on a visitor's behalf, and read a visitor's or email's history. */
@Path("/accounts/{accountId}")
@Tag(name = "Consent records")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentRecordsResource {

    private final RevocationService revocations;
    private final ConsentHistoryService history;
    private final Caller caller;

    ConsentRecordsResource(RevocationService revocations, ConsentHistoryService history, Caller caller) {
        this.revocations = revocations;
        this.history = history;
        this.caller = caller;
    }

    @POST
    @Path("/consent-revocations")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke on the visitor's behalf: a receipt, or all still granted by a visitor or email")
    public RevocationsResponse revoke(
            @PathParam("accountId") UUID accountId, @Valid @NotNull RevokeConsentsRequest request) {
        if (request.receiptId() == null && request.visitorId() == null && request.email() == null) {
            throw ProblemException.badRequest(
                    "Name a receipt, a visitor or an email.",
                    new Problem.Violation("receiptId", "one of receiptId, visitorId or email is required"));
        }
        return new RevocationsResponse(revocations
                .revokeByAgent(
                        accountId,
                        request.receiptId(),
                        request.visitorId(),
                        request.email(),
                        request.reason().strip(),
                        caller.userId())
                .stream()
                .map(RevocationResponse::of)
                .toList());
    }

    @GET
    @Path("/visitors/{visitorId}/consent-history")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "A visitor's consent history, with the exact text of each version agreed to")
    public ConsentHistoryResponse visitorHistory(
            @PathParam("accountId") UUID accountId,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId) {
        return ConsentHistoryResponse.of(accountId, history.history(accountId, visitorId, null));
    }

    @POST
    @Path("/consent-history/lookups")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The history of an email (and/or visitor); the email travels in the body, never in a URL")
    public ConsentHistoryResponse lookUp(
            @PathParam("accountId") UUID accountId, @Valid @NotNull LookUpHistoryRequest request) {
        if (request.visitorId() == null && request.email() == null) {
            throw ProblemException.badRequest(
                    "Name a visitor or an email.",
                    new Problem.Violation("email", "one of visitorId or email is required"));
        }
        return ConsentHistoryResponse.of(accountId, history.history(accountId, request.visitorId(), request.email()));
    }
}
