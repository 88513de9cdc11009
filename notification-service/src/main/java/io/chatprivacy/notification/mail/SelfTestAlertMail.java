package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.util.UUID;

/** What the owner's opt-out self-test alert says: which run, which check was not honoured, and when. */
public record SelfTestAlertMail(
        String accountName, UUID accountId, UUID runId, String failedCheck, Instant startedAt, Instant failedAt) {

    public String startedAtText() {
        return MailFormats.utc(startedAt);
    }

    public String failedAtText() {
        return MailFormats.utc(failedAt);
    }

    /** The check in words. */
    public String checkText() {
        return switch (failedCheck) {
            case "GPC_LEDGER" -> "a visitor's Global Privacy Control signal was not recorded as an opt-out";
            case "GPC_STATUS" -> "the widget did not show a visitor who sent Global Privacy Control as opted out";
            case "REQUEST_ACCEPTED" -> "the privacy center did not accept an opt-out request";
            case "REQUEST_LEDGER" -> "an opt-out request did not reach the consent ledger";
            case "REQUEST_STATUS" -> "the widget did not show the visitor of an opt-out request as opted out";
            case "EVENTS_PUBLISHED" -> "the opt-outs were not announced to the systems that sell or share data";
            case "REQUEST_COMPLETED" -> "an opt-out request was not shown completed on its status page";
            case "ABANDONED" -> "the test could not finish";
            default -> "a check (" + failedCheck + ") failed";
        };
    }
}
