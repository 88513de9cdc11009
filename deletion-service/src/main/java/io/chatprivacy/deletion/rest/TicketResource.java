package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ArchivedTicket;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.persistence.VaultStore.ItemSummary;
import io.chatprivacy.deletion.service.ArchiveService;
import io.chatprivacy.deletion.service.IngestService;
import io.chatprivacy.deletion.service.IngestService.ItemResult;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An account's archived tickets: the platform stores them; agents and owners list and read them; owners
 * set legal holds.
 */
@Path("/accounts/{accountId}/tickets")
@Tag(name = "Tickets")
@SecurityRequirement(name = "bearer")
public class TicketResource {

    private final IngestService ingest;
    private final ArchiveService archive;

    TicketResource(IngestService ingest, ArchiveService archive) {
        this.ingest = ingest;
        this.archive = archive;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Operation(
            summary =
                    "Store an archived ticket (the chat platform); an older version than the stored one changes nothing")
    public Response store(@PathParam("accountId") UUID accountId, @Valid @NotNull ArchivedTicket ticket, UriInfo uri) {
        Ingest.requireAccount(accountId, ticket.accountId());
        ItemResult result = ingest.ingestTickets(accountId, List.of(ticket)).get(ticket.ticketId());
        return Ingest.answer(ItemType.TICKET, ticket.ticketId(), result, uri);
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "List the account's tickets, optionally only those carrying a tag (no personal data)")
    public PageResponse<TicketSummaryResponse> list(
            @PathParam("accountId") UUID accountId,
            @QueryParam("tag")
                    @Size(max = MaxLength.TAG)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String tag,
            // a cursor (the last id of the page before): an empty one starts from the beginning
            @QueryParam("after")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
                    String after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        List<ItemSummary> page = archive.list(accountId, ItemType.TICKET, tag, after, limit);
        return new PageResponse<>(
                page.stream().map(TicketSummaryResponse::of).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).externalId());
    }

    @GET
    @Path("/{ticketId}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Read a ticket with its decrypted content")
    public TicketResponse get(
            @PathParam("accountId") UUID accountId,
            @PathParam("ticketId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String ticketId) {
        return TicketResponse.of(archive.ticket(accountId, ticketId));
    }

    @PUT
    @Path("/{ticketId}/legal-hold")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Put a ticket under a legal hold: purges skip it and list it in their receipts")
    public TicketLegalHoldResponse hold(
            @PathParam("accountId") UUID accountId,
            @PathParam("ticketId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String ticketId) {
        archive.setLegalHold(accountId, ItemType.TICKET, ticketId, true);
        return new TicketLegalHoldResponse(ticketId, true);
    }

    @DELETE
    @Path("/{ticketId}/legal-hold")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Lift a ticket's legal hold")
    public TicketLegalHoldResponse release(
            @PathParam("accountId") UUID accountId,
            @PathParam("ticketId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String ticketId) {
        archive.setLegalHold(accountId, ItemType.TICKET, ticketId, false);
        return new TicketLegalHoldResponse(ticketId, false);
    }
}
