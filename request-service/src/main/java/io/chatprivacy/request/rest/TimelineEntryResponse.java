package io.chatprivacy.request.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.chatprivacy.request.domain.TimelineEntry;
import java.time.Instant;
import java.util.Map;

/** One line of a request's timeline: when, what, in words, and the status it left the request in. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record TimelineEntryResponse(
        int seq, Instant at, String kind, String status, String summary, String actor, Map<String, Object> details) {

    static TimelineEntryResponse of(TimelineEntry entry) {
        return new TimelineEntryResponse(
                entry.seq(),
                entry.occurredAt(),
                entry.kind().name(),
                entry.status().name(),
                entry.summary(),
                entry.actor(),
                entry.details());
    }
}
