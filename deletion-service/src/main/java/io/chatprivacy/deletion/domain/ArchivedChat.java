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
 * An archived chat as the chat platform hands it over: the data of {@code chat.archived.v1} on
 * {@code chat-transcripts}, and the body of {@code POST /accounts/{accountId}/chats}. One shape for both,
 * so the two ways in cannot drift apart.
 *
 * @param chatId the platform's id of the chat; a chat sent twice is stored once
 * @param accountId the account; optional over HTTP (the path names it), must match when given
 * @param tags tags the chat carried when it was archived (applied when the chat is first stored)
 */
public record ArchivedChat(
        @NotBlank @Size(max = 200) String chatId,
        UUID accountId,
        @NotBlank @Size(max = 200) String visitorId,
        @Email @Size(max = 320) String visitorEmail,
        @Size(max = 200) String visitorName,
        @Size(max = 100) List<@NotBlank @Size(max = 200) String> agentIds,
        @NotNull Instant startedAt,
        Instant endedAt,
        @NotNull @Size(max = 10_000) List<@NotNull @Valid TranscriptMessage> messages,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> tags) {

    public List<String> tagsOrEmpty() {
        return tags == null ? List.of() : tags;
    }
}
