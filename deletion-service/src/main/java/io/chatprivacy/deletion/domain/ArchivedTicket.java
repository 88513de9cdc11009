package io.chatprivacy.deletion.domain;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
 *     <p>Ids, names, addresses, the status and tags are held to the platform's {@link TextRules#NAME} rule, the
 *     subject and message texts to {@link TextRules#FREE_TEXT}, as for {@link ArchivedChat}.
 */
public record ArchivedTicket(
        @NotNull @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String ticketId,

        UUID accountId,

        @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String visitorId,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String requesterEmail,

        @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String requesterName,

        @Size(max = 500) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String subject,

        @Size(max = 40) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String status,

        @NotNull Instant createdAt,
        @NotNull Instant updatedAt,

        @Size(max = 100)
        List<
                        @NotNull @Size(max = MaxLength.PLATFORM_ID)
                        @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE) String>
                chatIds,

        @NotNull @Size(max = 10_000) List<@NotNull @Valid TranscriptMessage> messages,

        @Size(max = 50)
        List<
                        @NotNull @Size(max = MaxLength.TAG)
                        @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE) String>
                tags) {

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
