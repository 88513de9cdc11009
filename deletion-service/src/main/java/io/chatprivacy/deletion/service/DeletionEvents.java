package io.chatprivacy.deletion.service;

import io.chatprivacy.deletion.events.DeletionEvent;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.outbox.OutboxEvent;
import jakarta.enterprise.context.ApplicationScoped;

/** Records deletion events in the outbox, in the caller's transaction. */
@ApplicationScoped
class DeletionEvents {

    private final Outbox outbox;

    DeletionEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    void publish(DeletionEvent event) {
        outbox.publish(OutboxEvent.of(
                DeletionEvent.TOPIC,
                event.type(),
                event.accountId(),
                event.eventSubject().toString(),
                event));
    }
}
