package io.chatprivacy.request.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The words of a rights request's timeline: for each thing that can happen to a request, the entry's kind,
 * the sentence an agent reads and the facts kept with it (ids, counts and dates; instants and ids as
 * strings). The aggregate decides whether something is recorded; this class only says how it reads.
 */
final class TimelineEntries {

    /** An entry's words, before the aggregate dates it and numbers it. */
    record Draft(TimelineKind kind, String summary, Map<String, Object> details) {}

    /** What the afterthought of a report that arrived after a decline starts with. */
    private static final String AFTER_DECLINE = "Although the request was declined, deletion-service reports: ";

    private TimelineEntries() {}

    /**
     * A request was received; {@code loggedLater} is when an agent logged it, if later than its receipt (the
     * statutory clock runs from receipt, not from logging).
     */
    static Draft opened(
            RequestType type,
            RequestChannel channel,
            Scope scope,
            Intake intake,
            StatutoryClock.Deadlines deadlines,
            Instant loggedLater) {
        String what = switch (type) {
            case DELETE -> "Deletion";
            case ACCESS -> "Access";
            case CORRECT -> "Correction";
            case OPT_OUT -> "Opt-out";
            case LIMIT -> "Limit-use";
        };
        String covers = scope.tag() != null
                ? " of everything tagged \"" + scope.tag() + "\""
                : type != RequestType.DELETE
                        ? " from one consumer"
                        : scope.namesSubject() ? " of all chats and tickets of one data subject" : "";
        return new Draft(
                TimelineKind.OPENED,
                what + " request" + covers + " received via " + channel.name() + ".",
                details(
                        "channel",
                        channel.name(),
                        "acknowledgeBy",
                        deadlines.acknowledgeBy(),
                        "dueAt",
                        deadlines.dueAt(),
                        "signedPermission",
                        intake.signedPermission(),
                        "correctionField",
                        intake.correctionField(),
                        "loggedAt",
                        loggedLater));
    }

    static Draft verificationIssued(
            boolean replacing, UUID jobId, long chatCount, long ticketCount, Instant expiresAt) {
        return new Draft(
                TimelineKind.VERIFICATION_ISSUED,
                (replacing ? "A new verification code was issued" : "A verification code was issued")
                        + " to the account owner's registered address, covering " + chatCount + " chat(s) and "
                        + ticketCount + " ticket(s); it is valid until " + expiresAt + ".",
                details("jobId", jobId, "chatCount", chatCount, "ticketCount", ticketCount, "expiresAt", expiresAt));
    }

    static Draft verificationLocked(UUID jobId, int failedAttempts) {
        return new Draft(
                TimelineKind.VERIFICATION_LOCKED,
                "Verification locked after " + failedAttempts
                        + " wrong code(s); nothing was deleted. A new code may be issued.",
                details("jobId", jobId, "failedAttempts", failedAttempts));
    }

    static Draft verificationExpired(UUID jobId, boolean current) {
        return new Draft(
                TimelineKind.VERIFICATION_EXPIRED,
                current
                        ? "The verification code expired unused; nothing was deleted."
                        : "An earlier verification code expired unused; a newer one is still valid.",
                details("jobId", jobId));
    }

    static Draft purgeCompleted(
            boolean afterDecline,
            UUID jobId,
            UUID receiptId,
            long chatsDeleted,
            long ticketsDeleted,
            long chatsSkippedLegalHold,
            long ticketsSkippedLegalHold) {
        return new Draft(
                TimelineKind.PURGE_COMPLETED,
                (afterDecline ? AFTER_DECLINE : "")
                        + "Deleted " + chatsDeleted + " chat(s) and " + ticketsDeleted + " ticket(s); "
                        + chatsSkippedLegalHold + " chat(s) and " + ticketsSkippedLegalHold
                        + " ticket(s) kept under legal hold. Receipt " + receiptId + ".",
                details(
                        "jobId",
                        jobId,
                        "receiptId",
                        receiptId,
                        "chatsDeleted",
                        chatsDeleted,
                        "ticketsDeleted",
                        ticketsDeleted,
                        "chatsSkippedLegalHold",
                        chatsSkippedLegalHold,
                        "ticketsSkippedLegalHold",
                        ticketsSkippedLegalHold));
    }

    /** A person declined the request. */
    static Draft declined(Decline decline) {
        String reason = decline.declineReason().name();
        return new Draft(
                TimelineKind.DECLINED,
                "Declined: " + reason + ".",
                details("reason", reason, "note", decline.declineNote()));
    }

    /** The request was declined on deletion-service's report that it found nothing to verify it against. */
    static Draft unverified(Decline decline, Map<String, Object> facts) {
        String reason = decline.declineReason().name();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", reason);
        details.putAll(facts == null ? Map.of() : facts);
        details.put("note", decline.declineNote());
        return new Draft(TimelineKind.DECLINED, "Declined: " + reason + ", on deletion-service's report.", details);
    }

    /** Another service carried out what the request asked, in its own words. */
    static Draft fulfilled(boolean afterDecline, String summary, Map<String, Object> facts) {
        return new Draft(
                TimelineKind.FULFILLED, (afterDecline ? "Although the request was declined: " : "") + summary, facts);
    }

    /**
     * The consumer has the copy of an ACCESS request: it was prepared and its mail delivered. The request
     * records it as {@link #fulfilled}.
     */
    static Draft copyDelivered(ExportProgress export) {
        return new Draft(
                TimelineKind.FULFILLED,
                "The consumer was sent a copy of " + export.exportChatCount() + " chat(s) and "
                        + export.exportTicketCount() + " ticket(s) (export " + export.exportId() + ").",
                details(
                        "exportId",
                        export.exportId(),
                        "chatCount",
                        export.exportChatCount(),
                        "ticketCount",
                        export.exportTicketCount(),
                        "notificationId",
                        export.exportNotificationId()));
    }

    static Draft exportReady(boolean afterDecline, UUID exportId, long chatCount, long ticketCount, Instant expiresAt) {
        return new Draft(
                TimelineKind.EXPORT_READY,
                (afterDecline ? AFTER_DECLINE : "")
                        + "A copy of " + chatCount + " chat(s) and " + ticketCount
                        + " ticket(s) was prepared for the consumer (export " + exportId + ", available until "
                        + expiresAt + ").",
                details(
                        "exportId",
                        exportId,
                        "chatCount",
                        chatCount,
                        "ticketCount",
                        ticketCount,
                        "expiresAt",
                        expiresAt));
    }

    static Draft exportRequested(int attempt, String by) {
        return new Draft(
                TimelineKind.EXPORT_REQUESTED,
                "A fresh copy of the consumer's data was asked for (attempt " + attempt
                        + "); it is mailed to the consumer's address once deletion-service has prepared it.",
                details("attempt", attempt, "requestedBy", by));
    }

    static Draft extended(Instant dueAt, Extension extension) {
        return new Draft(
                TimelineKind.EXTENDED,
                "Response period extended once, to " + extension.extendedDueAt() + "; the consumer is told why.",
                details(
                        "dueAt",
                        dueAt,
                        "extendedDueAt",
                        extension.extendedDueAt(),
                        "extensionReason",
                        extension.extensionReason()));
    }

    /** The consumer appealed the decline; the statement is kept on the request, not in the timeline. */
    static Draft appealReceived(Appeal appeal, Instant windowEndsAt) {
        return new Draft(
                TimelineKind.APPEAL_RECEIVED,
                "The consumer appealed the decline; the decision is due by " + appeal.appealDueAt() + ".",
                details("dueAt", appeal.appealDueAt(), "windowEndsAt", windowEndsAt));
    }

    /** The owner decided the appeal; {@code note} is the explanation the consumer is given. */
    static Draft appealDecided(Appeal appeal) {
        boolean reversed = appeal.isReversed();
        return new Draft(
                TimelineKind.APPEAL_DECIDED,
                reversed
                        ? "Appeal granted: the decline is reversed and the request is open again, to be carried out"
                                + " by " + appeal.appealDueAt() + "."
                        : "Appeal denied: the decline stands; the consumer is told how to contact the attorney"
                                + " general.",
                details(
                        "decision",
                        appeal.appealDecision(),
                        "dueAt",
                        appeal.appealDueAt(),
                        "note",
                        appeal.appealExplanation()));
    }

    static Draft duplicateReceived(RequestChannel channel) {
        return new Draft(
                TimelineKind.DUPLICATE_RECEIVED,
                "The same request was received again via " + channel.name() + "; linked to this one.",
                details("channel", channel.name()));
    }

    /** Something another service reported that changes nothing, in its own words. */
    static Draft noted(String summary, Map<String, Object> facts) {
        return new Draft(TimelineKind.NOTED, summary, facts);
    }

    static Draft deadlineApproaching(Instant due) {
        return new Draft(TimelineKind.DEADLINE_APPROACHING, "Due " + due + "; agents reminded.", details("dueAt", due));
    }

    static Draft deadlineBreached(Instant due) {
        return new Draft(
                TimelineKind.DEADLINE_BREACHED, "Overdue since " + due + "; agents alerted.", details("dueAt", due));
    }

    static Draft appealDeadlineApproaching(Instant due) {
        return new Draft(
                TimelineKind.DEADLINE_APPROACHING,
                "The appeal's decision is due " + due + "; the owner reminded.",
                details("dueAt", due, "clock", DeadlineClock.APPEAL));
    }

    static Draft appealDeadlineBreached(Instant due) {
        return new Draft(
                TimelineKind.DEADLINE_BREACHED,
                "The appeal is undecided since its due date " + due + "; the owner alerted.",
                details("dueAt", due, "clock", DeadlineClock.APPEAL));
    }

    static Draft identityErased() {
        return new Draft(
                TimelineKind.IDENTITY_ERASED,
                "Record retention period over: the consumer's identity was erased; dates and outcome kept.",
                null);
    }

    static Draft notificationSent(UUID notificationId, String template, int attempts) {
        return new Draft(
                TimelineKind.NOTIFICATION_SENT,
                mail(template) + " delivered" + (attempts > 1 ? " after " + attempts + " attempts." : "."),
                details("notificationId", notificationId, "template", template, "attempts", attempts));
    }

    static Draft notificationFailed(
            UUID notificationId, String template, int attempts, String reason, boolean willRetry) {
        return new Draft(
                TimelineKind.NOTIFICATION_FAILED,
                mail(template) + " not delivered (attempt " + attempts + ", " + reason + "); "
                        + (willRetry ? "retrying." : "given up."),
                details(
                        "notificationId",
                        notificationId,
                        "template",
                        template,
                        "attempts",
                        attempts,
                        "reason",
                        reason,
                        "willRetry",
                        willRetry));
    }

    /**
     * Names a mail by the template notification-service reports it under ({@code template} on
     * {@code notification.sent.v1} and {@code notification.failed.v1}: the names of its {@code MailTemplate}),
     * saying to whom it goes as notification-service picks the recipient. A template this service does not know
     * yet is named as it is.
     */
    private static String mail(String template) {
        if (template == null) {
            return "A notification";
        }
        return switch (template) {
            case "VERIFICATION_CODE" -> "Verification code email to the account owner";
            case "PURGE_CONFIRMATION" -> "Deletion confirmation email to the account owner";
            case "DECLINE_NOTICE" -> "Decline notice email";
            case "RECEIPT_CONFIRMATION" -> "Receipt confirmation email to the consumer";
            case "EXTENSION_NOTICE" -> "Extension notice email";
            case "COMPLETION_NOTICE" -> "Completion notice email to the consumer";
            case "ACCESS_EXPORT" -> "Email with the link to the consumer's copy";
            case "DEADLINE_REMINDER" -> "Deadline reminder email to the account owner";
            case "DEADLINE_ALERT" -> "Overdue alert email to the account owner";
            case "JOB_LOCKED_NOTICE" -> "Lock notice email to the account owner";
            case "APPEAL_RECEIVED_NOTICE" -> "Appeal receipt email to the consumer";
            case "APPEAL_DECISION_NOTICE" -> "Appeal decision email to the consumer";
            case "ACCESS_EXPORT_CODE" -> "Email with the code that opens the consumer's copy";
            default -> "Notification " + template;
        };
    }

    /** Key-value pairs, skipping null values; instants and ids as strings. */
    private static Map<String, Object> details(Object... pairs) {
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value == null) {
                continue;
            }
            details.put(
                    (String) pairs[i], value instanceof Number || value instanceof Boolean ? value : value.toString());
        }
        return details;
    }
}
