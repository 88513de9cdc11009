package io.chatprivacy.notification.events;

import io.chatprivacy.platform.events.DomainEvent;
import java.util.UUID;

/**
 * Events of the outgoing-mail aggregate on {@code notification-events}, keyed by account id; the
 * CloudEvents {@code subject} is the mail (notification) id. They never carry an address or a body.
 */
public sealed interface NotificationEvent extends DomainEvent permits NotificationSentEvent, NotificationFailedEvent {

    String TOPIC = "notification-events";

    UUID notificationId();

    @Override
    default String topic() {
        return TOPIC;
    }

    /** The mail's id. */
    @Override
    default String subject() {
        return notificationId().toString();
    }
}
