package io.chatprivacy.console.clients;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * request-service's agents' API, called with the signed-in person's own access token: what they may see and
 * do is request-service's decision, never the console's.
 */
@RegisterRestClient(configKey = "request-service")
@RegisterProvider(SignedInCaller.class)
@Path("/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RequestService {

    @GET
    @Path("/rights-requests")
    List<RightsRequest> list(
            @PathParam("accountId") UUID accountId, @QueryParam("sort") String sort, @QueryParam("limit") int limit);

    @GET
    @Path("/rights-requests/{requestId}")
    RightsRequest get(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId);

    @POST
    @Path("/rights-requests")
    RightsRequest open(@PathParam("accountId") UUID accountId, RightsRequest.Opening opening);

    @POST
    @Path("/rights-requests/{requestId}/extension")
    RightsRequest extend(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            RightsRequest.Extending extending);

    @POST
    @Path("/rights-requests/{requestId}/decline")
    RightsRequest decline(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            RightsRequest.Declining declining);

    @POST
    @Path("/rights-requests/{requestId}/export")
    RightsRequest export(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId);
}
