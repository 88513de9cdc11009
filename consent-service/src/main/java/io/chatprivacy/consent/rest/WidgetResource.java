package io.chatprivacy.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.service.AccountDirectory;
import io.chatprivacy.consent.service.ConsentService;
import io.chatprivacy.consent.service.FormService;
import io.chatprivacy.consent.service.OptOutService;
import io.chatprivacy.consent.service.RevocationService;
import io.chatprivacy.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The chat widget's public API: no token, the account is the one whose {@code X-Widget-Key} this
 * is. Every call has passed {@link WidgetRoutes} (address rate limit; key, origin and account rate
 * limit by {@link WidgetAccess}; body size) before its body is read: a call without a valid key is a
 * 401 whatever it sends.
 */
@Path("/widget")
@PermitAll
@Tag(name = "Widget")
@SecurityScheme(
        securitySchemeName = "widget-key",
        type = SecuritySchemeType.APIKEY,
        apiKeyName = WidgetAccess.KEY_HEADER,
        in = SecuritySchemeIn.HEADER)
@SecurityRequirement(name = "widget-key")
@Produces(MediaType.APPLICATION_JSON)
public class WidgetResource {

    private static final String GPC_HEADER = "Sec-GPC";
    private static final int MAX_USER_AGENT = 512;

    private final ObjectMapper mapper;
    private final AccountDirectory directory;
    private final FormService forms;
    private final ConsentService consents;
    private final RevocationService revocations;
    private final OptOutService optOuts;
    private final HotPathValidator validator;
    private final int corsMaxAge;

    WidgetResource(
            ObjectMapper mapper,
            AccountDirectory directory,
            FormService forms,
            ConsentService consents,
            RevocationService revocations,
            OptOutService optOuts,
            HotPathValidator validator,
            ConsentConfig config) {
        this.mapper = mapper;
        this.directory = directory;
        this.forms = forms;
        this.consents = consents;
        this.revocations = revocations;
        this.optOuts = optOuts;
        this.validator = validator;
        this.corsMaxAge = config.widget().corsMaxAgeSeconds();
    }

    @GET
    @Path("/forms/current")
    @Operation(summary = "The account's current pre-chat form")
    public FormVersionResponse currentForm(@Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        return forms.currentForWidget(account.id())
                .map(FormVersionResponse::of)
                .orElseThrow(() -> ProblemException.notFound("This account has not published a pre-chat form."));
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the visitor's consent to a form version; answers with a receipt")
    public Uni<Response> recordConsent(
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            RecordConsentRequest body,
            @Context RoutingContext routing) {
        // The hot path: on the event loop, no worker thread, when the form version is in memory and
        // nothing has to be read; the answer comes once the group commit is done.
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        RecordConsentRequest request = validator.valid(body);
        CompletionStage<ConsentService.Receipt> recorded =
                consents.recordWithoutBlocking(command(account, request, gpc, userAgent, routing));
        io.vertx.core.Context eventLoop = Vertx.currentContext();
        if (recorded != null && eventLoop != null) {
            return Uni.createFrom()
                    .completionStage(recorded)
                    .onFailure(CompletionException.class)
                    .transform(Throwable::getCause)
                    .emitOn(task -> eventLoop.runOnContext(ignored -> task.run()))
                    .map(WidgetResource::created);
        }
        return Uni.createFrom()
                .item(() -> created(consents.record(command(account, request, gpc, userAgent, routing))))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private static ConsentService.RecordConsent command(
            AccountDirectory.WidgetAccount account,
            RecordConsentRequest request,
            String gpc,
            String userAgent,
            RoutingContext routing) {
        return new ConsentService.RecordConsent(
                account.id(),
                request.formVersion(),
                request.visitorId(),
                blankToNull(request.email()),
                request.consents(),
                isGpc(gpc),
                Boolean.TRUE.equals(request.optOut()),
                truncate(userAgent),
                WidgetRoutes.clientAddress(routing),
                request.ageBand() == null
                        ? null
                        : AgeBand.fromWire(request.ageBand()).orElseThrow());
    }

    private static Response created(ConsentService.Receipt receipt) {
        return Response.status(Response.Status.CREATED)
                .entity(ConsentReceiptResponse.of(receipt))
                .build();
    }

    @POST
    @Path("/consents/{receiptId}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The visitor revokes a receipt (with the visitor id it was issued to)")
    public RevocationResponse revoke(
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("receiptId") UUID receiptId,
            @Valid @NotNull RevokeReceiptRequest request,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        return RevocationResponse.of(revocations.revokeByVisitor(
                account.id(),
                receiptId,
                request.visitorId(),
                truncate(userAgent),
                WidgetRoutes.clientAddress(routing)));
    }

    /**
     * Takes no body, any media type or none: the call itself (or {@code Sec-GPC: 1}) is the signal, as a
     * browser's beacon sends it. A body, when there is one, is read as JSON {@code {"email": "…"}}
     * whatever its media type ({@code navigator.sendBeacon} sends a string as {@code text/plain}).
     */
    @POST
    @Path("/visitors/{visitorId}/opt-out")
    @Operation(summary = "Opt the visitor out of sale/sharing (no verification needed; GPC is honoured)")
    public OptOutStatusResponse optOut(
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = RecordOptOutRequest.class)))
                    String body,
            @Context RoutingContext routing)
            throws JsonProcessingException {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        String email = optionalEmail(body);
        return OptOutStatusResponse.of(optOuts.optOutFromWidget(
                account.id(), visitorId, email, isGpc(gpc), truncate(userAgent), WidgetRoutes.clientAddress(routing)));
    }

    /**
     * "Limit the Use of My Sensitive Personal Information": as the opt-out (no body needed, any media
     * type, an optional JSON {@code {"email": "…"}}), recorded once with scope {@code LIMIT_SENSITIVE}.
     */
    @POST
    @Path("/visitors/{visitorId}/limit")
    @Operation(summary = "Limit the use of the visitor's sensitive personal information (no verification needed)")
    public OptOutStatusResponse limitSensitiveUse(
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @RequestBody(
                            required = false,
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON,
                                            schema = @Schema(implementation = RecordOptOutRequest.class)))
                    String body,
            @Context RoutingContext routing)
            throws JsonProcessingException {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        String email = optionalEmail(body);
        return OptOutStatusResponse.of(optOuts.limitFromWidget(
                account.id(), visitorId, email, isGpc(gpc), truncate(userAgent), WidgetRoutes.clientAddress(routing)));
    }

    /**
     * The visitor's age band, as the widget learnt it. Under 16 the visitor is treated as opted out of sale/sharing
     * until an opt-in; the youngest band reported applies. {@code Sec-GPC: 1} sent along also opts out.
     */
    @POST
    @Path("/visitors/{visitorId}/age")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the visitor's age band (under 16: not sold or shared until an opt-in)")
    public OptOutStatusResponse recordAge(
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Valid @NotNull RecordAgeRequest request,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        return OptOutStatusResponse.of(optOuts.ageFromWidget(
                account.id(),
                visitorId,
                blankToNull(request.email()),
                AgeBand.fromWire(request.ageBand()).orElseThrow(),
                isGpc(gpc),
                truncate(userAgent),
                WidgetRoutes.clientAddress(routing)));
    }

    /**
     * The visitor's own affirmative opt-in to sale/sharing: only for a visitor known to be 13 to 15 (403 under 13,
     * where only a parent's authorization counts; 422 when not known to be a minor), never over an opt-out or with
     * {@code Sec-GPC: 1} (409). Nothing is recorded when refused.
     */
    @POST
    @Path("/visitors/{visitorId}/opt-in")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The visitor (13 to 15) opts in to sale/sharing of their personal information")
    public OptOutStatusResponse optIn(
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Valid @NotNull OptInRequest request,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        return OptOutStatusResponse.of(optOuts.optInFromWidget(
                account.id(), visitorId, isGpc(gpc), truncate(userAgent), WidgetRoutes.clientAddress(routing)));
    }

    /** The email of an optional {@code {"email": "…"}} body, whatever its media type; null without one. */
    private String optionalEmail(String body) throws JsonProcessingException {
        RecordOptOutRequest request =
                body == null || body.isBlank() ? null : mapper.readValue(body, RecordOptOutRequest.class);
        if (request == null) {
            return null;
        }
        validator.valid(request);
        return blankToNull(request.email());
    }

    @GET
    @Path("/visitors/{visitorId}/opt-out")
    @Operation(
            summary = "Whether the visitor's opt-out is honoured (to show \"Opt-out request honoured\"), and whether"
                    + " their information may be sold or shared")
    public OptOutStatusResponse optOutStatus(
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = WidgetRoutes.account(routing);
        return OptOutStatusResponse.of(optOuts.status(account.id(), visitorId));
    }

    /**
     * CORS preflight. It carries no key, so it is allowed for origins some active account allows;
     * the real call is then held to its own account's origins by {@link WidgetAccess}.
     */
    @OPTIONS
    @Path("/{path: .*}")
    @Operation(hidden = true)
    public Response preflight(
            @HeaderParam("Origin") String origin, @HeaderParam("Access-Control-Request-Method") String method) {
        if (origin == null || method == null || !directory.isKnownOrigin(origin)) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        return Response.noContent()
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Methods", "GET, POST")
                .header("Access-Control-Allow-Headers", "Content-Type, " + WidgetAccess.KEY_HEADER)
                .header("Access-Control-Max-Age", corsMaxAge)
                .build();
    }

    private static boolean isGpc(String header) {
        return header != null && header.trim().equals("1");
    }

    private static String truncate(String userAgent) {
        return userAgent == null || userAgent.length() <= MAX_USER_AGENT
                ? userAgent
                : userAgent.substring(0, MAX_USER_AGENT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
