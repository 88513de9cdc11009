package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A request as its consumer sees it on the status page: the right, where it stands, its dates and what
 * happened, in sentences for the consumer. Never the agents' names, notes to colleagues, addresses or counts.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerStatusResponse(
        UUID requestId,
        RequestType type,
        String jurisdiction,
        RequestStatus status,
        Instant receivedAt,
        Instant dueAt,
        Instant extendedDueAt,
        String extensionReason,
        Instant closedAt,
        DeclineReason declineReason,
        String declineNote,
        List<Step> history) {

    /** One thing that happened, told to the consumer. */
    public record Step(Instant at, String what) {}

    static ConsumerStatusResponse of(RightsRequest request) {
        return new ConsumerStatusResponse(
                request.id(),
                request.type(),
                request.jurisdiction(),
                request.status(),
                request.receivedAt(),
                request.dueAt(),
                request.extension().extendedDueAt(),
                request.extension().extensionReason(),
                request.closedAt(),
                request.decline().declineReason(),
                request.decline().declineNote(),
                request.timeline().stream()
                        .map(ConsumerStatusResponse::step)
                        .filter(Objects::nonNull)
                        .toList());
    }

    /** The consumer's sentence for a timeline entry, or null for what only concerns the business. */
    private static Step step(TimelineEntry entry) {
        String what = switch (entry.kind()) {
            case OPENED -> "We received your request.";
            case DUPLICATE_RECEIVED -> "You asked again; we are already working on your request.";
            case EXTENDED -> "We need more time and told you why.";
            case EXPORT_READY -> "We prepared the copy of your data.";
            case PURGE_COMPLETED -> "Your data was deleted.";
            case FULFILLED -> "We carried out your request.";
            case DECLINED -> "We declined your request.";
            default -> null;
        };
        return what == null ? null : new Step(entry.occurredAt(), what);
    }
}
