package io.chatprivacy.deletion.rest;

import io.chatprivacy.deletion.persistence.VaultStore.ItemSummary;
import java.time.Instant;
import java.util.List;

/** A ticket in a listing: ids, times, status, counts and tags; no personal data. */
public record TicketSummaryResponse(
        String ticketId,
        Instant createdAt,
        Instant updatedAt,
        String status,
        int messageCount,
        boolean legalHold,
        List<String> tags) {

    static TicketSummaryResponse of(ItemSummary item) {
        return new TicketSummaryResponse(
                item.externalId(),
                item.startedOrCreatedAt(),
                item.endedAt(),
                item.status(),
                item.messageCount(),
                item.legalHold(),
                item.tags());
    }
}
