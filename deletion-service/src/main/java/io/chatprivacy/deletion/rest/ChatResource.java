package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ArchivedChat;
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

/** An account's archived chats: the platform stores them; agents and owners list and read them; owners set legal holds. */
@Path("/accounts/{accountId}/chats")
@Tag(name = "Chats")
@SecurityRequirement(name = "bearer")
public class ChatResource {

    private final IngestService ingest;
    private final ArchiveService archive;

    ChatResource(IngestService ingest, ArchiveService archive) {
        this.ingest = ingest;
        this.archive = archive;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM)
    @Operation(summary = "Store an archived chat (the chat platform); the same chat sent again is stored once")
    public Response store(@PathParam("accountId") UUID accountId, @Valid @NotNull ArchivedChat chat, UriInfo uri) {
        Ingest.requireAccount(accountId, chat.accountId());
        ItemResult result = ingest.ingestChats(accountId, List.of(chat)).get(chat.chatId());
        return Ingest.answer(ItemType.CHAT, chat.chatId(), result, uri);
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "List the account's chats, optionally only those carrying a tag (no personal data)")
    public PageResponse<ChatSummaryResponse> list(
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
        List<ItemSummary> page = archive.list(accountId, ItemType.CHAT, tag, after, limit);
        return new PageResponse<>(
                page.stream().map(ChatSummaryResponse::of).toList(),
                page.size() < limit ? null : page.get(page.size() - 1).externalId());
    }

    @GET
    @Path("/{chatId}")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(summary = "Read a chat with its decrypted transcript")
    public ChatResponse get(
            @PathParam("accountId") UUID accountId,
            @PathParam("chatId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String chatId) {
        return ChatResponse.of(archive.chat(accountId, chatId));
    }

    @PUT
    @Path("/{chatId}/legal-hold")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Put a chat under a legal hold: purges skip it and list it in their receipts")
    public LegalHoldResponse hold(
            @PathParam("accountId") UUID accountId,
            @PathParam("chatId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String chatId) {
        archive.setLegalHold(accountId, ItemType.CHAT, chatId, true);
        return new LegalHoldResponse(chatId, true);
    }

    @DELETE
    @Path("/{chatId}/legal-hold")
    @RolesAllowed(Roles.OWNER)
    @Operation(summary = "Lift a chat's legal hold")
    public LegalHoldResponse release(
            @PathParam("accountId") UUID accountId,
            @PathParam("chatId")
                    @Size(max = MaxLength.PLATFORM_ID)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String chatId) {
        archive.setLegalHold(accountId, ItemType.CHAT, chatId, false);
        return new LegalHoldResponse(chatId, false);
    }
}
