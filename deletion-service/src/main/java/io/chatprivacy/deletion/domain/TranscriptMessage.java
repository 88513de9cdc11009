package io.chatprivacy.deletion.domain;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One message of a chat or ticket, as the chat platform archives it (stored only encrypted). */
public record TranscriptMessage(
        @NotNull AuthorType authorType,
        @Size(max = 200) String authorId,
        @NotNull @Size(max = 20_000) String text,
        @NotNull Instant sentAt) {}
