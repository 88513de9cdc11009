package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ArchivedChat;
import io.chatprivacy.deletion.domain.ArchivedTicket;
import io.chatprivacy.deletion.service.IngestService;
import io.chatprivacy.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The chat platform's bulk and tag endpoints, for platforms that prefer HTTP to Kafka: the same code
 * path as the {@code chat-transcripts}, {@code chat-tickets} and {@code chat-tags} consumers.
 */
@Path("/accounts/{accountId}")
@Tag(name = "Platform ingest")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.PLATFORM)
public class PlatformIngestResource {

    private final IngestService ingest;

    PlatformIngestResource(IngestService ingest) {
        this.ingest = ingest;
    }

    @POST
    @Path("/chat-batches")
    @Operation(summary = "Store up to 500 archived chats in one transaction")
    public BatchIngestResponse chats(@PathParam("accountId") UUID accountId, @Valid @NotNull IngestChatsRequest batch) {
        Ingest.requireAccounts(accountId, "chats", batch.chats(), ArchivedChat::accountId);
        return BatchIngestResponse.of(
                ingest.ingestChats(accountId, batch.chats()).values());
    }

    @POST
    @Path("/ticket-batches")
    @Operation(summary = "Store up to 500 archived tickets in one transaction")
    public BatchIngestResponse tickets(
            @PathParam("accountId") UUID accountId, @Valid @NotNull IngestTicketsRequest batch) {
        Ingest.requireAccounts(accountId, "tickets", batch.tickets(), ArchivedTicket::accountId);
        return BatchIngestResponse.of(
                ingest.ingestTickets(accountId, batch.tickets()).values());
    }

    @POST
    @Path("/tags")
    @Operation(summary = "Add a tag to, or remove it from, a chat or ticket (the target may arrive later)")
    public TagChangeResponse tag(@PathParam("accountId") UUID accountId, @Valid @NotNull ChangeTagRequest change) {
        return new TagChangeResponse(ingest.changeTag(accountId, change.toTagChange()));
    }
}
