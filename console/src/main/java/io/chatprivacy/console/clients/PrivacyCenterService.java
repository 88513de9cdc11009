package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * request-service's public privacy-center API, where consumers make their own requests: called without any
 * credentials (no {@link SignedInCaller}: a consumer is nobody's signed-in person). Answers that mean different
 * things by their status (201 opened, 202 awaiting the mailed code) come back as a {@link Response}; refusals are
 * problems, thrown as {@link jakarta.ws.rs.WebApplicationException} like every other call.
 */
@RegisterRestClient(configKey = "request-service")
@Path("/privacy-center/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface PrivacyCenterService {

    /** The header that carries a request's status token; the token never stands in a log. */
    String STATUS_TOKEN = "X-Status-Token";

    @GET
    Center center(@PathParam("accountId") UUID accountId);

    /** 201 with an {@link Intake} that is already a request, or 202 with one that waits for its code. */
    @POST
    @Path("/requests")
    Response submit(@PathParam("accountId") UUID accountId, Submission submission);

    /** 201 with the opened request's {@link Intake}. */
    @POST
    @Path("/intakes/{intakeId}/verification")
    Response verify(@PathParam("accountId") UUID accountId, @PathParam("intakeId") UUID intakeId, Code code);

    /** 202: a new code is mailed, the previous one stops working. */
    @POST
    @Path("/intakes/{intakeId}/verification-code")
    Response newCode(@PathParam("accountId") UUID accountId, @PathParam("intakeId") UUID intakeId);

    @GET
    @Path("/requests/{requestId}")
    Status status(
            @PathParam("accountId") UUID accountId,
            @PathParam("requestId") UUID requestId,
            @HeaderParam(STATUS_TOKEN) String token);

    /**
     * The account as its privacy center shows it, with the rights a consumer may ask for (under the default
     * jurisdiction) and the jurisdictions whose law a consumer may ask under.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Center(
            UUID accountId,
            String accountName,
            List<Right> rights,
            String defaultJurisdiction,
            List<Jurisdiction> jurisdictions) {

        /** A center that names no jurisdictions (request-service's default applies). */
        public Center(UUID accountId, String accountName, List<Right> rights) {
            this(accountId, accountName, rights, null, List.of());
        }
    }

    /** A jurisdiction a consumer may ask under: its code (CA, VA, …), name and law. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Jurisdiction(String code, String name, String law) {}

    /** A right, and whether asking for it needs the code mailed to the consumer's address. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Right(String type, boolean verification) {}

    /** What the consumer asks for. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Submission(String type, String email, String visitorId, Correction correction, String jurisdiction) {}

    /** A correction: {@code NAME} or {@code EMAIL}, and the right value. */
    record Correction(String field, String value) {}

    /** The code from the consumer's mail. */
    record Code(String code) {}

    /** An intake: waiting for its code, or opened as a request with the token that lets its page be read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Intake(
            UUID intakeId,
            String status,
            Boolean verificationRequired,
            UUID requestId,
            String statusToken,
            Instant codeExpiresAt) {

        /** The token stays out of every log and message. */
        @Override
        public String toString() {
            return "Intake[" + intakeId + ", " + status + ", request " + requestId + "]";
        }
    }

    /** Where a consumer's request stands, in the words a consumer reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(
            UUID requestId,
            String type,
            String status,
            Instant receivedAt,
            Instant dueAt,
            Instant extendedDueAt,
            Instant closedAt,
            String declineReason,
            String declineNote,
            List<HistoryEntry> history) {}

    /** One step of a request's history, told to the consumer. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record HistoryEntry(Instant at, String what) {}
}
