package io.chatprivacy.consent.domain;

/**
 * What the opt-out self-test checks, in the order a failure is reported: the first one not honoured names the run's
 * failure.
 */
public enum SelfTestCheck {
    /** The synthetic visitor's GPC signal is in the ledger (an {@code OPTED_OUT} row of source {@code GPC}). */
    GPC_LEDGER,
    /** The opt-out status the widget shows that visitor says opted out. */
    GPC_STATUS,
    /** request-service's public privacy center accepted the synthetic opt-out request (201, a status token). */
    REQUEST_ACCEPTED,
    /** The request reached the ledger (an {@code OPTED_OUT} row of source {@code REQUEST} with its id). */
    REQUEST_LEDGER,
    /** The opt-out status the widget shows the request's visitor says opted out. */
    REQUEST_STATUS,
    /** Both {@code consent.opted-out.v1} were really published on {@code consent-events}. */
    EVENTS_PUBLISHED,
    /** The request's public status page reads {@code COMPLETED}. */
    REQUEST_COMPLETED,
    /** The run was left unfinished (its replica went away) and was closed by a later sweep. */
    ABANDONED
}
