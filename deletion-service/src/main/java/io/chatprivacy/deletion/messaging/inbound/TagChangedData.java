package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.platform.text.MaxLength;
import io.chatprivacy.platform.text.TextRules;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The fields of {@code tag.added.v1} and {@code tag.removed.v1} this service reads, held to the same rules as over HTTP. */
public record TagChangedData(
        UUID accountId,
        @NotNull ItemType targetType,

        @NotNull @Size(max = MaxLength.PLATFORM_ID) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String targetId,

        @NotNull @Size(max = MaxLength.TAG) @Pattern(regexp = TextRules.NAME, message = TextRules.NAME_MESSAGE)
        String tag) {}
