package io.chatprivacy.request.events;

import io.chatprivacy.platform.events.DomainEvent;
import java.util.UUID;

/**
 * Events of the rights-request aggregate, published on {@code request-events}, keyed by account id
 * so that one account's requests are seen in order; the CloudEvents {@code subject} is the request id.
 */
public sealed interface RequestEvent extends DomainEvent
        permits RequestOpenedEvent,
                RequestDeclinedEvent,
                RequestExtendedEvent,
                RequestExportRequestedEvent,
                RequestCompletedEvent,
                RequestDeadlineApproachingEvent,
                RequestDeadlineBreachedEvent,
                RequestAppealReceivedEvent,
                RequestAppealDecidedEvent {

    String TOPIC = "request-events";

    /** The request the event is about. */
    UUID requestId();

    /** The account the request belongs to (the Kafka key). */
    @Override
    UUID accountId();

    @Override
    default String topic() {
        return TOPIC;
    }

    /** The request id. */
    @Override
    default String subject() {
        return requestId().toString();
    }
}
