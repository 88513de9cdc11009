package io.chatprivacy.notification.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * deletion-service's {@code GET /exports/{exportId}} (contract: {@code contracts/http/deletion-service.export.v1.json}),
 * a service-to-service endpoint authorised only by the export's token. The body is returned as the bytes
 * received: they are what the consumer gets attached. A 4xx/5xx answer surfaces as a
 * {@link jakarta.ws.rs.WebApplicationException}, a connection failure or timeout as a
 * {@link jakarta.ws.rs.ProcessingException}. Base URL and timeouts: {@code quarkus.rest-client.deletion-service.*}.
 */
@RegisterRestClient(configKey = "deletion-service")
@Path("/exports")
public interface ExportClient {

    /** The header that carries the export's token; deletion-service answers 404 without the right one. */
    String TOKEN_HEADER = "X-Export-Token";

    @GET
    @Path("/{exportId}")
    @Produces(MediaType.APPLICATION_JSON)
    byte[] fetch(@PathParam("exportId") UUID exportId, @HeaderParam(TOKEN_HEADER) String token);
}
