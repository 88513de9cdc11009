package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TagChange;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A tag added to or removed from a chat or ticket (the HTTP form of {@code tag.added.v1}/{@code tag.removed.v1}). */
public record ChangeTagRequest(
        @NotNull Change change,
        @NotNull ItemType targetType,
        @NotBlank @Size(max = 200) String targetId,
        @NotBlank @Size(max = 100) String tag) {

    /** Added or removed. */
    public enum Change {
        ADDED,
        REMOVED
    }

    TagChange toTagChange() {
        return new TagChange(targetType, targetId, tag, change == Change.ADDED);
    }
}
