package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.ClockRules;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.StatutoryClock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A rights request as agents and owners see it; {@code timeline} is present when one request is read
 * or changed, absent in lists. {@code effectiveDueAt} is the due date in force, {@code daysLeft} the
 * calendar days until it (negative when overdue; absent once the request is closed), {@code businessDaysLeft}
 * the business days until it for the requests whose clock counts them (opt-outs, limits; absent otherwise); {@code duplicate}
 * is true only in the answer to a repeated request that was linked to this one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RightsRequestResponse(
        UUID requestId,
        UUID accountId,
        String type,
        String jurisdiction,
        String status,
        String channel,
        String tag,
        String subjectEmail,
        String subjectVisitorId,
        String agentName,
        Boolean signedPermission,
        Correction correction,
        String openedBy,
        Instant receivedAt,
        Instant acknowledgeBy,
        Instant dueAt,
        Instant extendedDueAt,
        Instant effectiveDueAt,
        Long daysLeft,
        Long businessDaysLeft,
        Boolean overdue,
        Extension extension,
        Decline decline,
        Appeal appeal,
        Instant closedAt,
        Instant identityErasedAt,
        Boolean duplicate,
        boolean synthetic,
        List<TimelineEntryResponse> timeline) {

    /** Why and by whom a request was declined. */
    public record Decline(String reason, String note, String declinedBy) {}

    /**
     * The consumer's appeal of the decline: their statement, when it came and when its decision is due, and the
     * decision ({@code UPHELD} or {@code REVERSED}) with its explanation, by whom and when (absent while pending).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Appeal(
            String statement,
            Instant receivedAt,
            Instant dueAt,
            String decision,
            String explanation,
            String decidedBy,
            Instant decidedAt) {}

    /** The one extension: why, by whom, when. */
    public record Extension(String reason, String extendedBy, Instant extendedAt) {}

    /** What a correction request asks to correct ({@code value} is erased after the retention period). */
    public record Correction(String field, String value) {}

    static RightsRequestResponse of(RightsRequest request, boolean withTimeline, StatutoryClock clock, Instant now) {
        return of(request, withTimeline, clock, now, false);
    }

    /** By California's clock rules ({@link ClockRules#CCPA}); a request of another jurisdiction passes its own. */
    static RightsRequestResponse of(
            RightsRequest request, boolean withTimeline, StatutoryClock clock, Instant now, boolean duplicate) {
        return of(request, withTimeline, clock, now, duplicate, ClockRules.CCPA);
    }

    static RightsRequestResponse of(
            RightsRequest request,
            boolean withTimeline,
            StatutoryClock clock,
            Instant now,
            boolean duplicate,
            ClockRules rules) {
        boolean open = !request.status().isFinal();
        Instant due = request.effectiveDueAt();
        return new RightsRequestResponse(
                request.id(),
                request.accountId(),
                request.type().name(),
                request.jurisdiction(),
                request.status().name(),
                request.channel().name(),
                request.scope().tag(),
                request.scope().subjectEmail(),
                request.scope().subjectVisitorId(),
                request.intake().agentName(),
                request.intake().signedPermission(),
                request.intake().correctionField() == null
                        ? null
                        : new Correction(
                                request.intake().correctionField().name(),
                                request.intake().correctionValue()),
                request.openedBy(),
                request.receivedAt(),
                request.acknowledgeBy(),
                request.dueAt(),
                request.extension().extendedDueAt(),
                due,
                open ? clock.daysLeft(due, now) : null,
                open && StatutoryClock.countsBusinessDays(rules, request.type())
                        ? clock.businessDaysLeft(due, now)
                        : null,
                open ? !now.isBefore(due) : null,
                request.extension().extendedAt() == null
                        ? null
                        : new Extension(
                                request.extension().extensionReason(),
                                request.extension().extendedBy(),
                                request.extension().extendedAt()),
                request.decline().isDeclined()
                        ? new Decline(
                                request.decline().declineReason().name(),
                                request.decline().declineNote(),
                                request.decline().declinedBy())
                        : null,
                request.appeal().isFiled()
                        ? new Appeal(
                                request.appeal().appealStatement(),
                                request.appeal().appealReceivedAt(),
                                request.appeal().appealDueAt(),
                                request.appeal().appealDecision() == null
                                        ? null
                                        : request.appeal().appealDecision().name(),
                                request.appeal().appealExplanation(),
                                request.appeal().appealDecidedBy(),
                                request.appeal().appealDecidedAt())
                        : null,
                request.closedAt(),
                request.scope().identityErasedAt(),
                duplicate ? Boolean.TRUE : null,
                request.synthetic(),
                withTimeline
                        ? request.timeline().stream()
                                .map(TimelineEntryResponse::of)
                                .toList()
                        : null);
    }
}
