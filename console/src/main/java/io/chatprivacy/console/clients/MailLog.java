package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** notification-service's delivery log, as the signed-in person. */
@RegisterRestClient(configKey = "notification-service")
@RegisterProvider(SignedInCaller.class)
@Path("/accounts/{accountId}/notifications")
@Produces(MediaType.APPLICATION_JSON)
public interface MailLog {

    @GET
    List<Mail> recent(
            @PathParam("accountId") UUID accountId,
            @QueryParam("requestId") UUID requestId,
            @QueryParam("limit") int limit);

    /** One mail of the log. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Mail(
            UUID notificationId,
            UUID requestId,
            String template,
            String recipient,
            String subject,
            String status,
            int attempts,
            Instant createdAt,
            Instant nextAttemptAt,
            Instant sentAt,
            String failureReason) {}
}
