package io.chatprivacy.consent.events;

import io.chatprivacy.platform.outbox.OutboxEvent;
import java.util.UUID;

/**
 * Events of the consent ledger, published on {@code consent-events}. Key: the visitor id (the
 * account id for an opt-out that names only an email), so one visitor's grants, revocations and
 * opt-outs stay in order. Payloads carry ids and hashes, never names, emails or IP addresses.
 */
public sealed interface ConsentEvent permits ConsentGrantedEvent, ConsentRevokedEvent, ConsentOptedOutEvent {

    String TOPIC = "consent-events";

    /** The wire type, {@code consent.<event>.v1}. */
    String type();

    UUID accountId();

    /** The visitor the event is about, or null (an opt-out of an email only). */
    String visitorId();

    /** The CloudEvents {@code subject}: the id of the ledger entry. */
    String subject();

    /** As an outbox event, keyed by visitor (or by account when there is no visitor). */
    default OutboxEvent toOutbox() {
        OutboxEvent event = OutboxEvent.of(TOPIC, type(), accountId(), subject(), this);
        return visitorId() == null ? event : event.withKey(visitorId());
    }
}
