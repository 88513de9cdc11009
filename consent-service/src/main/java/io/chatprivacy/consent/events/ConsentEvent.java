package io.chatprivacy.consent.events;

import io.chatprivacy.platform.events.DomainEvent;

/**
 * Events of the consent ledger, published on {@code consent-events}. Key: the visitor id (the
 * account id for an opt-out that names only an email), so one visitor's grants, revocations and
 * opt-outs stay in order. Payloads carry ids and hashes, never names, emails or IP addresses.
 */
public sealed interface ConsentEvent extends DomainEvent
        permits ConsentGrantedEvent,
                ConsentRevokedEvent,
                ConsentOptedOutEvent,
                ConsentOptedInEvent,
                ConsentOptOutSelfTestFailedEvent {

    String TOPIC = "consent-events";

    /** The visitor the event is about, or null (an opt-out of an email only). */
    String visitorId();

    @Override
    default String topic() {
        return TOPIC;
    }

    /** Keyed by visitor (or by account when there is no visitor). */
    @Override
    default String key() {
        return visitorId() == null ? accountId().toString() : visitorId();
    }
}
