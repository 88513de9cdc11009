package io.chatprivacy.deletion.domain;

import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One message of a chat or ticket, as the chat platform archives it (stored only encrypted). */
public record TranscriptMessage(
        @NotNull AuthorType authorType,

        @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String authorId,

        @NotNull @Size(max = 20_000) @Pattern(regexp = TextRules.FREE_TEXT, message = TextRules.FREE_TEXT_MESSAGE)
        String text,

        @NotNull Instant sentAt) {}
