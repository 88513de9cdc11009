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
 * An archived chat as the chat platform hands it over: the data of {@code chat.archived.v1} on
 * {@code chat-transcripts}, and the body of {@code POST /accounts/{accountId}/chats}. One shape for both,
 * so the two ways in cannot drift apart.
 *
 * @param chatId the platform's id of the chat; a chat sent twice is stored once
 * @param accountId the account; optional over HTTP (the path names it), must match when given
 * @param tags tags the chat carried when it was archived (applied when the chat is first stored)
 *     <p>Ids, names, addresses and tags are held to the platform's {@link TextRules#NAME} rule, message texts to
 *     {@link TextRules#FREE_TEXT}: a chat breaking them is refused over HTTP and dead-lettered from Kafka.
 */
public record ArchivedChat(
        @NotNull @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String chatId,

        UUID accountId,

        @NotNull @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String visitorId,

        @Email @Size(max = MaxLength.EMAIL) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String visitorEmail,

        @Size(max = MaxLength.NAME) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String visitorName,

        @Size(max = 100)
        List<
                        @NotNull @Size(max = MaxLength.PLATFORM_ID)
                        @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE) String>
                agentIds,

        @NotNull Instant startedAt,
        Instant endedAt,
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
