package io.chatprivacy.deletion.messaging.inbound;

import io.chatprivacy.deletion.domain.ItemType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** The fields of {@code tag.added.v1} and {@code tag.removed.v1} this service reads. */
public record TagChangedData(
        UUID accountId,
        @NotNull ItemType targetType,
        @NotBlank @Size(max = 200) String targetId,
        @NotBlank @Size(max = 100) String tag) {}
