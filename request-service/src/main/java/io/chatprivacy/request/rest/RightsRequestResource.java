package io.chatprivacy.request.rest;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.service.RightsRequestService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Consumers' rights requests of one account: agents and owners open and follow them; owners decline. */
@Path("/accounts/{accountId}/rights-requests")
@Tag(name = "Rights requests")
@SecurityRequirement(name = "bearer")
public class RightsRequestResource {

    private static final int MAX_LIMIT = 500;

    private final RightsRequestService requests;
    private final Caller caller;

    RightsRequestResource(RightsRequestService requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Open a rights request (DELETE for a tag, or for a data subject's email address)")
    public Response open(
            @PathParam("accountId") UUID accountId, @Valid @NotNull OpenRightsRequestRequest body, UriInfo uri) {
        checkScope(body);
        RightsRequest request = requests.open(
                accountId,
                new RightsRequestService.Opening(
                        body.type(), body.channel(), body.tag(), body.subjectEmail(), body.subjectVisitorId()),
                caller.userId());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(request.id().toString())
                        .build())
                .entity(RightsRequestResponse.of(request, true))
                .build();
    }

    @GET
    @Path("/{requestId}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Read a rights request with its timeline")
    public RightsRequestResponse get(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        return RightsRequestResponse.of(requests.get(accountId, requestId), true);
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "List the account's rights requests, newest first, optionally of one status")
    public List<RightsRequestResponse> list(
            @PathParam("accountId") UUID accountId,
            @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit = parseLimit(limitParam);
        return requests.list(accountId, parseStatus(status), limit).stream()
                .map(r -> RightsRequestResponse.of(r, false))
                .toList();
    }

    private static int parseLimit(String raw) {
        int limit;
        try {
            limit = Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.badRequest(
                    "limit must be between 1 and " + MAX_LIMIT + ".",
                    new Problem.Violation("limit", "must be between 1 and " + MAX_LIMIT));
        }
        return limit;
    }

    @POST
    @Path("/{requestId}/decline")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Decline a rights request with a reason code and a note (owner only)")
    public RightsRequestResponse decline(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @Valid @NotNull DeclineRightsRequestRequest body) {
        return RightsRequestResponse.of(
                requests.decline(
                        accountId, requestId, body.reason(), body.note().strip(), caller.userId()),
                true);
    }

    /** A deletion names exactly one of a tag and a subject's email; a visitor id only goes with the email. */
    private static void checkScope(OpenRightsRequestRequest body) {
        if (body.type() != RequestType.DELETE) {
            return;
        }
        List<Problem.Violation> violations = new ArrayList<>();
        if (body.tag() == null && body.subjectEmail() == null) {
            violations.add(new Problem.Violation("tag", "a deletion needs a tag or a subjectEmail"));
            violations.add(new Problem.Violation("subjectEmail", "a deletion needs a tag or a subjectEmail"));
        } else if (body.tag() != null && body.subjectEmail() != null) {
            violations.add(new Problem.Violation("tag", "give either a tag or a subjectEmail, not both"));
            violations.add(new Problem.Violation("subjectEmail", "give either a tag or a subjectEmail, not both"));
        }
        if (body.tag() != null && body.subjectVisitorId() != null) {
            violations.add(new Problem.Violation("subjectVisitorId", "a tag deletion has no data subject"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest(
                    "A deletion names exactly one scope: a tag or a data subject's email address.",
                    violations.toArray(Problem.Violation[]::new));
        }
    }

    private static RequestStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return RequestStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Unknown status.",
                    new Problem.Violation("status", "must be one of " + List.of(RequestStatus.values())));
        }
    }
}
