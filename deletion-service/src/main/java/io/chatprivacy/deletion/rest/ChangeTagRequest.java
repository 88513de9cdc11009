package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TagChange;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A tag added to or removed from a chat or ticket (the HTTP form of {@code tag.added.v1}/{@code tag.removed.v1}). */
public record ChangeTagRequest(
        @NotNull Change change,
        @NotNull ItemType targetType,

        @NotNull @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String targetId,

        @NotNull @Size(max = MaxLength.TAG) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String tag) {

    /** Added or removed. */
    public enum Change {
        ADDED,
        REMOVED
    }

    TagChange toTagChange() {
        return new TagChange(targetType, targetId, tag, change == Change.ADDED);
    }
}
