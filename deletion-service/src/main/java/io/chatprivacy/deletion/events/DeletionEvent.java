package io.chatprivacy.deletion.events;

import java.util.UUID;

/**
 * Events of this service's aggregates (deletion jobs, ACCESS exports, corrections), published on
 * {@code deletion-events}, keyed by account id so that one account's events are seen in order; the
 * CloudEvents subject is the id of what the event is about ({@link #eventSubject()}). No event carries a
 * verification code or an export token in clear, a name or message text, and only
 * {@code deletion.export-ready.v1} carries an email address: the one the consumer's copy goes to.
 */
public sealed interface DeletionEvent
        permits VerificationIssuedEvent,
                JobLockedEvent,
                JobExpiredEvent,
                PurgeCompletedEvent,
                ExportReadyEvent,
                CorrectionAppliedEvent,
                CorrectionRejectedEvent {

    String TOPIC = "deletion-events";

    UUID accountId();

    /** The CloudEvents subject: the job, export or correction id (a rejected correction's request id). */
    UUID eventSubject();

    /** The stable wire type. */
    String type();
}
