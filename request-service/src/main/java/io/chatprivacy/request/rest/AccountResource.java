package io.chatprivacy.request.rest;

import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.request.service.AccountService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The account registry: operators register accounts; an account's own users read it. */
@Path("/accounts")
@Tag(name = "Accounts")
@SecurityRequirement(name = "bearer")
public class AccountResource {

    private final AccountService accounts;

    AccountResource(AccountService accounts) {
        this.accounts = accounts;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Register an account; the answer holds the widget key, shown only this once")
    public Response register(@Valid @NotNull RegisterAccountRequest request, UriInfo uri) {
        AccountService.Registration registration =
                accounts.register(request.name(), request.ownerEmail(), request.allowedOrigins());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(registration.account().id().toString())
                        .build())
                .entity(AccountResponse.of(registration.account(), registration.widgetKey()))
                .build();
    }

    @GET
    @Path("/{accountId}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Read an account (its own agents and owner only)")
    public AccountResponse get(@PathParam("accountId") UUID accountId) {
        return AccountResponse.of(accounts.get(accountId), null);
    }
}
