package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.persistence.VaultStore.ItemSummary;
import java.time.Instant;
import java.util.List;

/** A chat in a listing: ids, times, counts and tags; no personal data. */
public record ChatSummaryResponse(
        String chatId, Instant startedAt, Instant endedAt, int messageCount, boolean legalHold, List<String> tags) {

    static ChatSummaryResponse of(ItemSummary item) {
        return new ChatSummaryResponse(
                item.externalId(),
                item.startedOrCreatedAt(),
                item.endedAt(),
                item.messageCount(),
                item.legalHold(),
                item.tags());
    }
}
