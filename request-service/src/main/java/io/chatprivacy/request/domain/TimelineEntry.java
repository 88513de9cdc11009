package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One thing that happened to a rights request, in words an agent can read, with the status it left
 * the request in. Entries are appended by {@link RightsRequest} and never changed.
 */
@Entity
@Table(name = "rights_request_timeline")
public class TimelineEntry {

    @Id
    private UUID id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "request_id", nullable = false)
    private RightsRequest request;

    @Column(nullable = false)
    private int seq;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private TimelineKind kind;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestStatus status;

    @Column(nullable = false)
    private String summary;

    private String actor;

    @Convert(converter = DetailsConverter.class)
    private Map<String, Object> details;

    @Column(name = "source_event_id")
    private String sourceEventId;

    protected TimelineEntry() {}

    static TimelineEntry of(
            RightsRequest request,
            int seq,
            TimelineKind kind,
            Instant occurredAt,
            Instant recordedAt,
            String summary,
            String actor,
            Map<String, Object> details,
            String sourceEventId) {
        TimelineEntry entry = new TimelineEntry();
        entry.id = UUID.randomUUID();
        entry.request = request;
        entry.seq = seq;
        entry.kind = kind;
        entry.occurredAt = occurredAt;
        entry.recordedAt = recordedAt;
        entry.status = request.status();
        entry.summary = summary;
        entry.actor = actor;
        entry.details = details == null ? Map.of() : new LinkedHashMap<>(details);
        entry.sourceEventId = sourceEventId;
        return entry;
    }

    /** Drops free-text details (a decline note, an extension reason) that may name the consumer. */
    void eraseFreeText() {
        if (details != null && (details.containsKey("note") || details.containsKey("extensionReason"))) {
            Map<String, Object> kept = new LinkedHashMap<>(details);
            kept.remove("note");
            kept.remove("extensionReason");
            details = kept;
        }
    }

    public UUID id() {
        return id;
    }

    public int seq() {
        return seq;
    }

    public TimelineKind kind() {
        return kind;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    /** The request's status right after this entry. */
    public RequestStatus status() {
        return status;
    }

    public String summary() {
        return summary;
    }

    /** Who acted (a user id), or null for events of other services. */
    public String actor() {
        return actor;
    }

    public Map<String, Object> details() {
        return details == null ? Map.of() : Collections.unmodifiableMap(details);
    }

    /** The id of the event that caused this entry, if an event did. */
    public String sourceEventId() {
        return sourceEventId;
    }
}
