package io.chatprivacy.platform.events;

import java.time.Instant;

/**
 * The inbound event behind a change, as a service records it: the event's id (for the record's history and
 * the mail it causes) and when what it reports happened.
 *
 * @param occurredAt the data's own time, else the event's {@code ce_time}; null only if neither is there
 */
public record EventOrigin(String eventId, Instant occurredAt) {

    /** The event, and when what it reports happened: {@code occurredAt}, else the event's own time. */
    public static EventOrigin of(IncomingEvent event, Instant occurredAt) {
        Instant at = occurredAt != null
                ? occurredAt
                : event.time() != null ? event.time().toInstant() : null;
        return new EventOrigin(event.id(), at);
    }

    /** When it happened, or {@code fallback} (now, say) when neither the data nor the event tells. */
    public Instant occurredAtOr(Instant fallback) {
        return occurredAt != null ? occurredAt : fallback;
    }
}
