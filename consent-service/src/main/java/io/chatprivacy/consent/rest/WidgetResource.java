package io.chatprivacy.consent.rest;

import io.chatprivacy.consent.config.ConsentConfig;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The chat widget's public API: no token, the account is the one whose {@code X-Widget-Key} this
 * is. Every call has passed {@link WidgetRoutes} (address rate limit, body size) and is checked by
 * {@link WidgetAccess} (key, origin, account rate limit) before anything is read or written.
 */
@Path("/widget")
@PermitAll
@Tag(name = "Widget")
@Produces(MediaType.APPLICATION_JSON)
public class WidgetResource {

    private static final String GPC_HEADER = "Sec-GPC";
    private static final int MAX_USER_AGENT = 512;

    private final WidgetAccess access;
    private final AccountDirectory directory;
    private final FormService forms;
    private final ConsentService consents;
    private final RevocationService revocations;
    private final OptOutService optOuts;
    private final HotPathValidator validator;
    private final int corsMaxAge;

    WidgetResource(
            WidgetAccess access,
            AccountDirectory directory,
            FormService forms,
            ConsentService consents,
            RevocationService revocations,
            OptOutService optOuts,
            HotPathValidator validator,
            ConsentConfig config) {
        this.access = access;
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
    public FormVersionResponse currentForm(
            @HeaderParam(WidgetAccess.KEY_HEADER) String key,
            @HeaderParam("Origin") String origin,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = access.authenticate(key, origin, routing);
        return forms.currentForWidget(account.id())
                .map(FormVersionResponse::of)
                .orElseThrow(() -> ProblemException.notFound("This account has not published a pre-chat form."));
    }

    @POST
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record the visitor's consent to a form version; answers with a receipt")
    public Uni<Response> recordConsent(
            @HeaderParam(WidgetAccess.KEY_HEADER) String key,
            @HeaderParam("Origin") String origin,
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            RecordConsentRequest body,
            @Context RoutingContext routing) {
        // The hot path: on the event loop, no worker thread, when the key's account and the form version
        // are in memory and nothing has to be read; the answer comes once the group commit is done.
        RecordConsentRequest request = validator.valid(body);
        AccountDirectory.WidgetAccount known = access.authenticateFromMemory(key, origin, routing);
        if (known != null) {
            CompletionStage<ConsentService.Receipt> recorded =
                    consents.recordWithoutBlocking(command(known, request, gpc, userAgent, routing));
            io.vertx.core.Context eventLoop = Vertx.currentContext();
            if (recorded != null && eventLoop != null) {
                return Uni.createFrom()
                        .completionStage(recorded)
                        .onFailure(CompletionException.class)
                        .transform(Throwable::getCause)
                        .emitOn(task -> eventLoop.runOnContext(ignored -> task.run()))
                        .map(WidgetResource::created);
            }
        }
        return Uni.createFrom()
                .item(() -> {
                    AccountDirectory.WidgetAccount account =
                            known != null ? known : access.authenticate(key, origin, routing);
                    return created(consents.record(command(account, request, gpc, userAgent, routing)));
                })
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
                WidgetRoutes.clientAddress(routing));
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
            @HeaderParam(WidgetAccess.KEY_HEADER) String key,
            @HeaderParam("Origin") String origin,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("receiptId") UUID receiptId,
            @Valid @NotNull RevokeReceiptRequest request,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = access.authenticate(key, origin, routing);
        return RevocationResponse.of(revocations.revokeByVisitor(
                account.id(),
                receiptId,
                request.visitorId(),
                truncate(userAgent),
                WidgetRoutes.clientAddress(routing)));
    }

    @POST
    @Path("/visitors/{visitorId}/opt-out")
    @Operation(summary = "Opt the visitor out of sale/sharing (no verification needed; GPC is honoured)")
    public OptOutStatusResponse optOut(
            @HeaderParam(WidgetAccess.KEY_HEADER) String key,
            @HeaderParam("Origin") String origin,
            @HeaderParam(GPC_HEADER) String gpc,
            @HeaderParam("User-Agent") String userAgent,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Valid RecordOptOutRequest request,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = access.authenticate(key, origin, routing);
        return OptOutStatusResponse.of(optOuts.optOutFromWidget(
                account.id(),
                visitorId,
                request == null ? null : blankToNull(request.email()),
                isGpc(gpc),
                truncate(userAgent),
                WidgetRoutes.clientAddress(routing)));
    }

    @GET
    @Path("/visitors/{visitorId}/opt-out")
    @Operation(summary = "Whether the visitor's opt-out is honoured (to show \"Opt-out request honoured\")")
    public OptOutStatusResponse optOutStatus(
            @HeaderParam(WidgetAccess.KEY_HEADER) String key,
            @HeaderParam("Origin") String origin,
            @PathParam("visitorId") @Pattern(regexp = Patterns.VISITOR_ID) String visitorId,
            @Context RoutingContext routing) {
        AccountDirectory.WidgetAccount account = access.authenticate(key, origin, routing);
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
