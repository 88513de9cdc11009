package io.chatprivacy.request.events;

import io.chatprivacy.platform.events.DomainEvent;

/**
 * Events of the account aggregate, published on the compacted topic {@code account-events}, keyed
 * by account id: the latest record per key is the account's current state, so every event carries
 * the whole account (minus secrets: the widget key travels only as its SHA-256).
 */
public sealed interface AccountEvent extends DomainEvent permits AccountRegisteredEvent {

    String TOPIC = "account-events";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** The account id. */
    @Override
    default String subject() {
        return accountId().toString();
    }
}
