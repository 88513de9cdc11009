package io.chatprivacy.notification.rest;

import io.chatprivacy.notification.service.DeliveryLogService;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The delivery log of one account, for its agents and owner. */
@Path("/accounts/{accountId}/notifications")
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
public class NotificationResource {

    private static final int MAX_LIMIT = 500;

    private final DeliveryLogService log;

    NotificationResource(DeliveryLogService log) {
        this.log = log;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "List the mails sent for the account, newest first, optionally about one request")
    public List<NotificationResponse> list(
            @PathParam("accountId") UUID accountId,
            @QueryParam("requestId") String requestId,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        return log.list(accountId, parseRequestId(requestId), parseLimit(limit)).stream()
                .map(NotificationResponse::of)
                .toList();
    }

    private static UUID parseRequestId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(raw.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(
                    "requestId is not a UUID.", new Problem.Violation("requestId", "must be a UUID"));
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
}
