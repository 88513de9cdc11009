package io.chatprivacy.deletion.domain;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An archived ticket as the chat platform hands it over: the data of {@code ticket.archived.v1} on
 * {@code chat-tickets}, and the body of {@code POST /accounts/{accountId}/tickets}.
 *
 * @param ticketId the platform's id; a ticket sent again replaces the stored one unless it is older
 * @param updatedAt the ticket's last change on the platform, which orders versions of one ticket
 * @param chatIds platform ids of chats the ticket came from
 */
public record ArchivedTicket(
        @NotBlank @Size(max = 200) String ticketId,
        UUID accountId,
        @Size(max = 200) String visitorId,
        @Email @Size(max = 320) String requesterEmail,
        @Size(max = 200) String requesterName,
        @Size(max = 500) String subject,
        @Size(max = 40) String status,
        @NotNull Instant createdAt,
        @NotNull Instant updatedAt,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> chatIds,
        @NotNull @Size(max = 10_000) List<@NotNull @Valid TranscriptMessage> messages,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags) {

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
