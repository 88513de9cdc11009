package io.chatprivacy.deletion.events;

import io.chatprivacy.platform.events.DomainEvent;

/**
 * Events of this service's aggregates (deletion jobs, ACCESS exports, corrections), published on
 * {@code deletion-events}, keyed by account id so that one account's events are seen in order; the
 * CloudEvents subject is the id of what the event is about ({@link #subject()}). No event carries a
 * verification code or an export token in clear, a name or message text, and only
 * {@code deletion.export-ready.v1} and {@code deletion.export-code-issued.v1} carry an email address: the one
 * the consumer's copy was asked for (its link and its codes go there).
 */
public sealed interface DeletionEvent extends DomainEvent
        permits VerificationIssuedEvent,
                JobLockedEvent,
                JobExpiredEvent,
                PurgeCompletedEvent,
                ExportReadyEvent,
                CorrectionAppliedEvent,
                CorrectionRejectedEvent,
                ExportCodeIssuedEvent {

    String TOPIC = "deletion-events";

    @Override
    default String topic() {
        return TOPIC;
    }

    /** The job, export or correction id (a rejected correction's request id). */
    @Override
    String subject();
}
