package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/**
 * deletion-service's agents' and owners' API (tagged chats and tickets, legal holds, deletion jobs and their
 * receipts), as the signed-in person: who may present a code or set a hold is deletion-service's decision.
 */
@RegisterRestClient(configKey = "deletion-service")
@RegisterProvider(SignedInCaller.class)
@Path("/accounts/{accountId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface DeletionService {

    @GET
    @Path("/tags/{tag}/deletion-preview")
    TagPreview preview(@PathParam("accountId") UUID accountId, @PathParam("tag") String tag);

    @GET
    @Path("/chats")
    Page<ChatSummary> chats(
            @PathParam("accountId") UUID accountId, @QueryParam("tag") String tag, @QueryParam("limit") int limit);

    @GET
    @Path("/tickets")
    Page<TicketSummary> tickets(
            @PathParam("accountId") UUID accountId, @QueryParam("tag") String tag, @QueryParam("limit") int limit);

    @PUT
    @Path("/chats/{chatId}/legal-hold")
    void holdChat(@PathParam("accountId") UUID accountId, @PathParam("chatId") String chatId);

    @DELETE
    @Path("/chats/{chatId}/legal-hold")
    void releaseChat(@PathParam("accountId") UUID accountId, @PathParam("chatId") String chatId);

    @PUT
    @Path("/tickets/{ticketId}/legal-hold")
    void holdTicket(@PathParam("accountId") UUID accountId, @PathParam("ticketId") String ticketId);

    @DELETE
    @Path("/tickets/{ticketId}/legal-hold")
    void releaseTicket(@PathParam("accountId") UUID accountId, @PathParam("ticketId") String ticketId);

    @GET
    @Path("/deletion-requests/{requestId}")
    Job job(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId);

    /** Presents the mailed code: 200 once purged, 202 while the purge runs; refusals are problems. */
    @POST
    @Path("/deletion-requests/{requestId}/verification")
    void verify(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId, Code code);

    @POST
    @Path("/deletion-requests/{requestId}/verification-code")
    void newCode(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId);

    @GET
    @Path("/deletion-requests/{requestId}/receipt")
    Receipt receipt(@PathParam("accountId") UUID accountId, @PathParam("requestId") UUID requestId);

    /** What a deletion by the tag would remove now, and what legal holds would keep (counts only). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TagPreview(String tag, long chats, long tickets, long chatsOnLegalHold, long ticketsOnLegalHold) {}

    /** One page of a listing; {@code next} is null on the last page. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page<T>(List<T> items, String next) {}

    /** A chat in a listing: no personal data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatSummary(
            String chatId,
            Instant startedAt,
            Instant endedAt,
            int messageCount,
            boolean legalHold,
            List<String> tags) {}

    /** A ticket in a listing: no personal data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TicketSummary(
            String ticketId,
            Instant createdAt,
            Instant updatedAt,
            String status,
            int messageCount,
            boolean legalHold,
            List<String> tags) {}

    /** Where a request's newest deletion job stands. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Job(
            UUID requestId,
            UUID jobId,
            String status,
            String tag,
            int chatCount,
            int ticketCount,
            Instant codeIssuedAt,
            Instant codeExpiresAt,
            int failedAttempts,
            int remainingAttempts,
            int chatsDeleted,
            int ticketsDeleted,
            UUID receiptId) {}

    /** The code from the owner's mail. */
    record Code(String code) {}

    /** A purge receipt: ids, counts and the SHA-256 of every deleted id; no personal data. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Receipt(
            UUID receiptId,
            UUID requestId,
            UUID jobId,
            String tag,
            String subjectSelector,
            int chatsDeleted,
            int ticketsDeleted,
            int chatsSkippedLegalHold,
            List<String> skippedChatIds,
            int ticketsSkippedLegalHold,
            List<String> skippedTicketIds,
            String authorisedBy,
            Instant authorisedAt,
            Instant completedAt,
            String deletedIdsDigest,
            List<String> deletedChatIdHashes,
            List<String> deletedTicketIdHashes) {}
}
