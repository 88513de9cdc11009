package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.RightsRequest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rights request as agents and owners see it; {@code timeline} is present when one request is read
 * or changed, absent in lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RightsRequestResponse(
        UUID requestId,
        UUID accountId,
        String type,
        String status,
        String channel,
        String tag,
        String subjectEmail,
        String subjectVisitorId,
        String openedBy,
        Instant receivedAt,
        Instant acknowledgeBy,
        Instant dueAt,
        Instant extendedDueAt,
        Decline decline,
        Instant closedAt,
        List<TimelineEntryResponse> timeline) {

    /** Why and by whom a request was declined. */
    public record Decline(String reason, String note, String declinedBy) {}

    static RightsRequestResponse of(RightsRequest request, boolean withTimeline) {
        return new RightsRequestResponse(
                request.id(),
                request.accountId(),
                request.type().name(),
                request.status().name(),
                request.channel().name(),
                request.tag(),
                request.subjectEmail(),
                request.subjectVisitorId(),
                request.openedBy(),
                request.receivedAt(),
                request.acknowledgeBy(),
                request.dueAt(),
                request.extendedDueAt(),
                request.declineReason() == null
                        ? null
                        : new Decline(request.declineReason().name(), request.declineNote(), request.declinedBy()),
                request.closedAt(),
                withTimeline
                        ? request.timeline().stream()
                                .map(TimelineEntryResponse::of)
                                .toList()
                        : null);
    }
}
