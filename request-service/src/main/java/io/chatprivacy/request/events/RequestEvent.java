package io.chatprivacy.request.events;

/**
 * Events of the rights-request aggregate, published on {@code request-events}, keyed by account id
 * so that one account's requests are seen in order; the CloudEvents {@code subject} is the request id.
 */
public sealed interface RequestEvent
        permits RequestOpenedEvent,
                RequestDeclinedEvent,
                RequestExtendedEvent,
                RequestExportRequestedEvent,
                RequestCompletedEvent,
                RequestDeadlineApproachingEvent,
                RequestDeadlineBreachedEvent {

    String TOPIC = "request-events";

    /** The request the event is about. */
    java.util.UUID requestId();

    /** The account the request belongs to (the Kafka key). */
    java.util.UUID accountId();
}
