package io.chatprivacy.deletion.messaging.outbound;

import java.util.UUID;

/**
 * Events of the deletion-job aggregate, published on {@code deletion-events}, keyed by account id so
 * that one account's jobs are seen in order; the CloudEvents subject is the job id. No event carries a
 * verification code in clear, an email address, a name or message text.
 */
public sealed interface DeletionEvent
        permits VerificationIssuedEvent, JobLockedEvent, JobExpiredEvent, PurgeCompletedEvent {

    String TOPIC = "deletion-events";

    UUID accountId();

    UUID jobId();

    /** The stable wire type. */
    String type();
}
