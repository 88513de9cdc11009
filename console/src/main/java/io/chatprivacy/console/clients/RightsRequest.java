package io.chatprivacy.console.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A rights request as request-service answers it: the console's own copy of the fields it shows (unknown
 * fields are ignored, so request-service may add fields freely).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RightsRequest(
        UUID requestId,
        String type,
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
        Instant closedAt,
        List<TimelineEntry> timeline) {

    public boolean isOpen() {
        return closedAt == null
                && !"COMPLETED".equals(status)
                && !"DECLINED".equals(status)
                && !"EXPIRED".equals(status);
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Correction(String field, String value) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Extension(String reason, String extendedBy, Instant extendedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Decline(String reason, String note, String declinedBy) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TimelineEntry(
            int seq,
            Instant at,
            String kind,
            String status,
            String summary,
            String actor,
            Map<String, Object> details) {}

    /** The body that opens a request (request-service's {@code OpenRightsRequestRequest}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Opening(
            String type,
            String channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            String agentName,
            Boolean signedPermission,
            Correction correction) {}

    /** The body of the one extension. */
    public record Extending(String reason) {}

    /** The body of a decline. */
    public record Declining(String reason, String note) {}
}
