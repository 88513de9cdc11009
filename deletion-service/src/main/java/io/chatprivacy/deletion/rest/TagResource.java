package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.service.ArchiveService;
import io.chatprivacy.platform.security.Roles;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What an agent sees before opening a deletion by tag: how many chats and tickets it would remove. */
@Path("/accounts/{accountId}/tags/{tag}")
@Tag(name = "Deletion requests")
@SecurityRequirement(name = "bearer")
public class TagResource {

    private final ArchiveService archive;

    TagResource(ArchiveService archive) {
        this.archive = archive;
    }

    @GET
    @Path("/deletion-preview")
    @RolesAllowed({Roles.AGENT, Roles.OWNER})
    @Operation(
            summary = "How many chats and tickets carry the tag now: those a deletion would remove, and those a"
                    + " legal hold keeps (counts only)")
    public ArchiveService.TagPreview preview(
            @PathParam("accountId") UUID accountId,
            @PathParam("tag")
                    @Size(min = 1, max = MaxLength.TAG)
                    @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
                    String tag) {
        return archive.preview(accountId, tag);
    }
}
