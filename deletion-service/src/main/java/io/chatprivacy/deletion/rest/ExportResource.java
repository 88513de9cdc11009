package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.ExportService;
import io.chatprivacy.deletion.service.ExportService.Presented;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * ACCESS exports for the privacy center (the console's public copy page, which calls these server side). The
 * consumer's mail carries a link with the export's token; the token alone opens nothing: it asks for a one-time
 * code, mailed to the address the copy was asked for, and only token and code together return the copy. There is
 * no bearer token: the export's own token, sent in {@code X-Export-Token}, is the key, so this path is for
 * service-to-service calls and must never be routed by an ingress.
 */
@Path("/exports/{exportId}")
@Tag(name = "Exports")
@Produces(MediaType.APPLICATION_JSON)
public class ExportResource {

    public static final String TOKEN_HEADER = "X-Export-Token";

    private final ExportService exports;

    ExportResource(ExportService exports) {
        this.exports = exports;
    }

    @POST
    @Path("/codes")
    @PermitAll
    @Operation(
            summary = "Mail a one-time code that opens the copy to the address it was asked for (needs the token)",
            description = "202 with the code's number and expiry; each replaces the one before. 404 for an unknown"
                    + " export and a wrong or missing token alike; 410 once the export expired; 409 when it is"
                    + " locked or no more codes may be sent.")
    public Response issueCode(@PathParam("exportId") String exportId, @HeaderParam(TOKEN_HEADER) String token) {
        return Response.accepted(ExportCodeResponse.of(exports.issueCode(parse(exportId), token)))
                .build();
    }

    @POST
    @Path("/open")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "The copy, decrypted, for the token and the mailed code together (each code opens it once)",
            description = "404 for an unknown export and a wrong or missing token alike; 410 once the export (type"
                    + " export-expired) or the code (code-expired) expired; 422 wrong code, with the attempts left;"
                    + " 409 locked for good, or no code was asked for.")
    public Response open(
            @PathParam("exportId") String exportId,
            @HeaderParam(TOKEN_HEADER) String token,
            @Valid @NotNull PresentCodeRequest request) {
        Presented presented = exports.open(parse(exportId), token, request.code());
        return switch (presented.outcome()) {
            case OPENED -> {
                CacheControl noStore = new CacheControl();
                noStore.setNoStore(true);
                noStore.setNoTransform(false);
                yield Response.ok(ExportResponse.of(presented.contents()))
                        .cacheControl(noStore)
                        .build();
            }
            case WRONG_CODE ->
                throw wrongCode(
                        "The code is wrong; " + presented.attemptsLeft()
                                + " more attempt(s) before this copy locks for good.",
                        presented.attemptsLeft());
            case LOCKED_NOW ->
                throw wrongCode("The code is wrong and this copy is now locked for good; ask for a fresh copy.", 0);
            case LOCKED -> throw ExportService.locked();
            case NO_CODE ->
                throw ProblemException.conflict(
                        "no-code", "No code is waiting for this copy (it was used or never asked for); ask for one.");
            case CODE_EXPIRED ->
                throw new ProblemException(
                        Problem.of("code-expired", "Gone", 410, "The code has expired; ask for a new one.", List.of()));
        };
    }

    /** A wrong code: 422 naming the field, with the attempts left as a member of its own ({@code attemptsLeft}). */
    private static ProblemException wrongCode(String detail, int attemptsLeft) {
        return new ProblemException(Problem.of(
                        "wrong-code",
                        "Unprocessable content",
                        422,
                        detail,
                        List.of(new Problem.Violation("code", "wrong code")))
                .with("attemptsLeft", attemptsLeft));
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
