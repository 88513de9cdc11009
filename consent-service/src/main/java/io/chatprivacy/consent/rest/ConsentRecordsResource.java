package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.service.ConsentHistoryService;
import io.chatprivacy.consent.service.OptOutService;
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

/**
 * What agents do with the ledger: revoke on a visitor's behalf, read a visitor's or email's history, read whether a
 * visitor's information may be sold or shared, record a visitor's age and (owners) a parent's authorization.
 */
@Path("/accounts/{accountId}")
@Tag(name = "Consent records")
@SecurityRequirement(name = "bearer")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentRecordsResource {

    private final RevocationService revocations;
    private final ConsentHistoryService history;
    private final Caller caller;

    private final OptOutService optOuts;

    ConsentRecordsResource(
            RevocationService revocations, ConsentHistoryService history, OptOutService optOuts, Caller caller) {
        this.revocations = revocations;
        this.history = history;
        this.optOuts = optOuts;
        this.caller = caller;
    }

    @GET
    @Path("/visitors/{visitorId}/sale-sharing")
    @RolesAllowed({Roles.PLATFORM, Roles.AGENT, Roles.OWNER})
    @Operation(
            summary =
                    "May this visitor's personal information be sold or shared? No when opted out, and for a"
                            + " visitor known to be under 16 until their opt-in (13 to 15) or a parent's authorization (under 13)")
    public OptOutStatusResponse saleSharing(
            @PathParam("accountId") UUID accountId,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId) {
        return OptOutStatusResponse.of(optOuts.status(accountId, visitorId));
    }

    @POST
    @Path("/visitors/{visitorId}/age")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Record what the business learnt of a visitor's age (under 16: not sold or shared until an opt-in)")
    public OptOutStatusResponse recordAge(
            @PathParam("accountId") UUID accountId,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Valid @NotNull AgentAgeRequest request) {
        return OptOutStatusResponse.of(optOuts.ageFromAgent(
                accountId, visitorId, AgeBand.fromWire(request.ageBand()).orElseThrow(), caller.userId()));
    }

    @POST
    @Path("/visitors/{visitorId}/parental-authorizations")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Record a parent's or guardian's authorization, verified by the business, of the sale/sharing of"
                    + " a visitor under 13 (owner only; 422 unless the visitor is known to be under 13, 409 over an"
                    + " opt-out)")
    public OptOutStatusResponse recordParentalAuthorization(
            @PathParam("accountId") UUID accountId,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Valid @NotNull ParentalAuthorizationRequest request) {
        return OptOutStatusResponse.of(optOuts.parentalAuthorization(
                accountId,
                visitorId,
                caller.userId(),
                request.verificationMethod().strip()));
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
