package io.chatprivacy.consent.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.UUID;

/**
 * The account's opt-out self-test failed ({@code consent.opt-out-self-test-failed.v1}): a synthetic visitor's GPC
 * signal or opt-out request was not honoured everywhere by the deadline. notification-service alerts the account's
 * owner. Key: the account id (there is no real visitor). No personal data: the synthetic visitor is not named.
 *
 * @param runId the run (the owner lists runs at {@code GET /accounts/{accountId}/opt-out-self-tests})
 * @param failedCheck the first check not honoured: {@code GPC_LEDGER}, {@code GPC_STATUS}, {@code REQUEST_ACCEPTED},
 *     {@code REQUEST_LEDGER}, {@code REQUEST_STATUS}, {@code EVENTS_PUBLISHED}, {@code REQUEST_COMPLETED} or
 *     {@code ABANDONED}
 * @param startedAt when the run started
 * @param failedAt when it was found failed
 */
public record ConsentOptOutSelfTestFailedEvent(
        UUID runId, UUID accountId, String failedCheck, Instant startedAt, Instant failedAt) implements ConsentEvent {

    public static final String TYPE = "consent.opt-out-self-test-failed.v1";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String subject() {
        return runId.toString();
    }

    /** No visitor: keyed by the account. */
    @JsonIgnore
    @Override
    public String visitorId() {
        return null;
    }
}
