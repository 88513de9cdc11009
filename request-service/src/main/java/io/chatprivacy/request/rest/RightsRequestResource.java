package io.chatprivacy.request.rest;

import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Caller;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.Intake;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.service.RequestMetricsService;
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

    /** Visitor ids consent-service accepts for an opt-out (stricter than the general form). */
    private static final java.util.regex.Pattern OPT_OUT_VISITOR =
            java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private static final java.util.regex.Pattern EMAIL =
            java.util.regex.Pattern.compile("[^\\s@<>,;\"]{1,64}@[^\\s@<>,;\"]+\\.[^\\s@<>,;\"]+");

    private final RightsRequestService requests;
    private final RequestMetricsService metrics;
    private final Caller caller;

    RightsRequestResource(RightsRequestService requests, RequestMetricsService metrics, Caller caller) {
        this.requests = requests;
        this.metrics = metrics;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Open a rights request of any type; a repeat of an open one is linked to it (200, duplicate)")
    public Response open(
            @PathParam("accountId") UUID accountId, @Valid @NotNull OpenRightsRequestRequest body, UriInfo uri) {
        checkScope(body);
        RightsRequestService.Opened opened = requests.open(
                accountId,
                new RightsRequestService.Opening(
                        body.type(),
                        body.channel(),
                        body.tag(),
                        body.subjectEmail(),
                        body.subjectVisitorId(),
                        new Intake(
                                body.agentName() == null
                                        ? null
                                        : body.agentName().strip(),
                                body.signedPermission(),
                                body.correction() == null
                                        ? null
                                        : body.correction().field(),
                                body.correction() == null
                                        ? null
                                        : body.correction().value().strip()),
                        body.receivedAt(),
                        body.jurisdiction()),
                caller.userId());
        RightsRequest request = opened.request();
        var location =
                uri.getAbsolutePathBuilder().path(request.id().toString()).build();
        RightsRequestResponse entity = view(request, true, opened.duplicate());
        return opened.duplicate()
                ? Response.ok(entity).location(location).build()
                : Response.created(location).entity(entity).build();
    }

    @GET
    @Path("/{requestId}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Read a rights request with its timeline")
    public RightsRequestResponse get(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        return view(requests.get(accountId, requestId), true, false);
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(
            summary = "List the account's rights requests, newest first or (sort=due) open ones by due date,"
                    + " overdue first; optionally of one status and type. The opt-out self-test's requests are"
                    + " listed only with synthetic=true (and then only they)")
    public List<RightsRequestResponse> list(
            @PathParam("accountId") UUID accountId,
            @QueryParam("status") String status,
            @QueryParam("type") String type,
            @QueryParam("sort") @DefaultValue("received") String sort,
            @QueryParam("synthetic") @DefaultValue("false") String synthetic,
            @QueryParam("limit") @DefaultValue("100") String limitParam) {
        int limit = parseLimit(limitParam);
        boolean byDue = parseSort(sort);
        boolean selfTests = parseSynthetic(synthetic);
        return requests.list(accountId, parseStatus(status), parseType(type), byDue, selfTests, limit).stream()
                .map(r -> view(r, false, false))
                .toList();
    }

    @POST
    @Path("/{requestId}/extension")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Take the one extension of 45 days, with a reason the consumer is told")
    public RightsRequestResponse extend(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @Valid @NotNull ExtendRightsRequestRequest body) {
        return view(requests.extend(accountId, requestId, body.reason(), caller.userId()), true, false);
    }

    @POST
    @Path("/{requestId}/export")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(
            summary = "Ask for a fresh copy of an ACCESS request's data, mailed to the consumer again (202; at most"
                    + " once a minute)")
    public Response requestExport(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId) {
        return Response.accepted(view(requests.requestExport(accountId, requestId, caller.userId()), true, false))
                .build();
    }

    @GET
    @Path("/metrics")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "The year's figures per request type: received, complied with, denied, days to respond")
    public RequestMetricsResponse metrics(@PathParam("accountId") UUID accountId, @QueryParam("year") String year) {
        return RequestMetricsResponse.of(metrics.year(accountId, parseYear(year)));
    }

    private RightsRequestResponse view(RightsRequest request, boolean withTimeline, boolean duplicate) {
        return RightsRequestResponse.of(
                request,
                withTimeline,
                requests.statutoryClock(),
                requests.now(),
                duplicate,
                requests.packs().of(request.jurisdiction()).clockRules());
    }

    private static int parseYear(String raw) {
        try {
            int year = Integer.parseInt(raw == null ? "" : raw.strip());
            if (year >= 2000 && year <= 2999) {
                return year;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ProblemException.badRequest(
                "year must be a calendar year such as 2026.",
                new Problem.Violation("year", "must be between 2000 and 2999"));
    }

    private static boolean parseSort(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "received" -> false;
            case "due" -> true;
            default ->
                throw ProblemException.badRequest(
                        "Unknown sort.", new Problem.Violation("sort", "must be received or due"));
        };
    }

    private static boolean parseSynthetic(String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "false" -> false;
            case "true" -> true;
            default ->
                throw ProblemException.badRequest(
                        "synthetic must be true or false.",
                        new Problem.Violation("synthetic", "must be true or false"));
        };
    }

    private static RequestType parseType(String type) {
        if (type == null || type.isBlank()) {
            return null;
        }
        try {
            return RequestType.valueOf(type.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "Unknown type.", new Problem.Violation("type", "must be one of " + List.of(RequestType.values())));
        }
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
        return view(
                requests.decline(
                        accountId, requestId, body.reason(), body.note().strip(), caller.userId()),
                true,
                false);
    }

    /**
     * A deletion names exactly one of a tag and a subject's email, a visitor id only with the email;
     * every other request names the consumer (email and/or visitor id) and no tag: an access request and a
     * name correction by email (the copy goes there; the consumer is told there), an email correction by
     * visitor id (the address being corrected cannot be what identifies the consumer). A request through
     * an authorised agent names the agent and the signed-permission flag; a correction says what to
     * correct (an email address must be one).
     */
    private static void checkScope(OpenRightsRequestRequest body) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (body.type() == RequestType.DELETE) {
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
        } else {
            if (body.tag() != null) {
                violations.add(new Problem.Violation("tag", "only a deletion may name a tag"));
            }
            CorrectionField corrected =
                    body.correction() == null ? null : body.correction().field();
            if (body.type() == RequestType.ACCESS && body.subjectEmail() == null) {
                violations.add(new Problem.Violation(
                        "subjectEmail", "an access request names the consumer's subjectEmail: the copy is sent there"));
            } else if (body.type() == RequestType.CORRECT
                    && corrected == CorrectionField.NAME
                    && body.subjectEmail() == null) {
                violations.add(new Problem.Violation(
                        "subjectEmail",
                        "a name correction names the consumer's subjectEmail: it identifies them and they are told"
                                + " there"));
            } else if (body.type() == RequestType.CORRECT
                    && corrected == CorrectionField.EMAIL
                    && (body.subjectVisitorId() == null || body.subjectEmail() == null)) {
                if (body.subjectVisitorId() == null) {
                    violations.add(new Problem.Violation(
                            "subjectVisitorId",
                            "an email correction names the consumer's subjectVisitorId: the address being corrected"
                                    + " cannot identify them"));
                }
                if (body.subjectEmail() == null) {
                    violations.add(new Problem.Violation(
                            "subjectEmail",
                            "an email correction names the address being replaced as subjectEmail: only the"
                                    + " visitor's items carrying it are corrected"));
                }
            } else if (body.subjectEmail() == null && body.subjectVisitorId() == null) {
                violations.add(new Problem.Violation(
                        "subjectEmail", "name the consumer by subjectEmail and/or subjectVisitorId"));
                violations.add(new Problem.Violation(
                        "subjectVisitorId", "name the consumer by subjectEmail and/or subjectVisitorId"));
            }
            if ((body.type() == RequestType.OPT_OUT || body.type() == RequestType.LIMIT)
                    && body.subjectVisitorId() != null
                    && !OPT_OUT_VISITOR.matcher(body.subjectVisitorId()).matches()) {
                violations.add(new Problem.Violation(
                        "subjectVisitorId", "an opt-out names a visitor id of 1-64 letters, digits, _ and -"));
            }
        }
        if (body.channel() == RequestChannel.AUTHORIZED_AGENT) {
            if (body.agentName() == null) {
                violations.add(
                        new Problem.Violation("agentName", "a request through an authorised agent names the agent"));
            }
            if (body.signedPermission() == null) {
                violations.add(new Problem.Violation(
                        "signedPermission", "say whether the agent showed the consumer's signed permission"));
            }
        } else if (body.agentName() != null || body.signedPermission() != null) {
            violations.add(new Problem.Violation(
                    body.agentName() != null ? "agentName" : "signedPermission",
                    "only a request through an AUTHORIZED_AGENT names an agent"));
        }
        if (body.type() == RequestType.CORRECT) {
            if (body.correction() == null) {
                violations.add(new Problem.Violation("correction", "a correction names the field and its new value"));
            } else if (body.correction().field() == CorrectionField.EMAIL
                    && !EMAIL.matcher(body.correction().value().strip()).matches()) {
                violations.add(new Problem.Violation("correction.value", "must be an email address"));
            }
        } else if (body.correction() != null) {
            violations.add(new Problem.Violation("correction", "only a CORRECT request names a correction"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.badRequest(
                    body.type() == RequestType.DELETE
                            ? "A deletion names exactly one scope: a tag or a data subject's email address."
                            : "The request is incomplete or inconsistent.",
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
