package io.chatprivacy.notification.events;

import java.util.UUID;

/**
 * Events of the outgoing-mail aggregate on {@code notification-events}, keyed by account id; the
 * CloudEvents {@code subject} is the mail (notification) id. They never carry an address or a body.
 */
public sealed interface NotificationEvent permits NotificationSentEvent, NotificationFailedEvent {

    String TOPIC = "notification-events";

    UUID notificationId();

    UUID accountId();
}
