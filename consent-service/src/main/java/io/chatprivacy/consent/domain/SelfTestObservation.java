package io.chatprivacy.consent.domain;

import java.util.Optional;

/**
 * One round of the opt-out self-test's checks: which were seen honoured. Pure; the run passes when every check does,
 * and otherwise fails on the first check (in {@link SelfTestCheck} order) not honoured by its deadline.
 */
public record SelfTestObservation(
        boolean gpcLedger,
        boolean gpcStatus,
        boolean requestAccepted,
        boolean requestLedger,
        boolean requestStatus,
        boolean eventsPublished,
        boolean requestCompleted) {

    /** Nothing seen yet. */
    public static SelfTestObservation none() {
        return new SelfTestObservation(false, false, false, false, false, false, false);
    }

    /** The first check not honoured, or empty when all are. */
    public Optional<SelfTestCheck> firstFailing() {
        if (!gpcLedger) {
            return Optional.of(SelfTestCheck.GPC_LEDGER);
        }
        if (!gpcStatus) {
            return Optional.of(SelfTestCheck.GPC_STATUS);
        }
        if (!requestAccepted) {
            return Optional.of(SelfTestCheck.REQUEST_ACCEPTED);
        }
        if (!requestLedger) {
            return Optional.of(SelfTestCheck.REQUEST_LEDGER);
        }
        if (!requestStatus) {
            return Optional.of(SelfTestCheck.REQUEST_STATUS);
        }
        if (!eventsPublished) {
            return Optional.of(SelfTestCheck.EVENTS_PUBLISHED);
        }
        if (!requestCompleted) {
            return Optional.of(SelfTestCheck.REQUEST_COMPLETED);
        }
        return Optional.empty();
    }

    public boolean passed() {
        return firstFailing().isEmpty();
    }
}
