package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.ExportService;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ACCESS exports for notification-service, which mails them to the consumer. Service to service only:
 * there is no bearer token (notification-service has none); the export's own token, sent in
 * {@code X-Export-Token}, is the only key, so this path must never be routed by an ingress.
 */
@Path("/exports/{exportId}")
@Tag(name = "Exports")
public class ExportResource {

    public static final String TOKEN_HEADER = "X-Export-Token";

    private final ExportService exports;

    ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "An ACCESS export's content, decrypted (service to service; needs the export's token)",
            description = "404 for an unknown export and for a wrong or missing token alike; 410 once it expired.")
    public Response get(@PathParam("exportId") String exportId, @HeaderParam(TOKEN_HEADER) String token) {
        ExportResponse body = ExportResponse.of(exports.read(parse(exportId), token));
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        noStore.setNoTransform(false);
        return Response.ok(body).cacheControl(noStore).build();
    }

    /** A path that is not a UUID is just another unknown export (404), not a 400 that tells them apart. */
    private static UUID parse(String exportId) {
        try {
            return UUID.fromString(exportId);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
