package io.chatprivacy.request.domain;

import io.chatprivacy.request.domain.RequestLifecycle.Decision;
import io.chatprivacy.request.domain.RequestLifecycle.Trigger;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A consumer's rights request (the aggregate): what was asked, by whom and through which channel,
 * its statutory dates, its status and the timeline of everything that happened to it.
 *
 * <p>Every change goes through a method here that asks {@link RequestLifecycle} first, so a late or
 * repeated event from another service can never undo a final outcome.
 */
@Entity
@Table(name = "rights_request")
public class RightsRequest {

    /** At most one fresh copy per request in this time, so that a double click does not mail the consumer twice. */
    public static final Duration EXPORT_RESEND_INTERVAL = Duration.ofMinutes(1);

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestType type;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private RequestChannel channel;

    /** The tag whose chats and tickets a tag deletion covers; null for a data subject's request. */
    private String tag;

    @Column(name = "subject_email")
    private String subjectEmail;

    @Column(name = "subject_visitor_id")
    private String subjectVisitorId;

    @Column(name = "opened_by", nullable = false)
    private String openedBy;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "acknowledge_by", nullable = false)
    private Instant acknowledgeBy;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    @Column(name = "extended_due_at")
    private Instant extendedDueAt;

    /** The latest verification job deletion-service reported for this request. */
    @Column(name = "current_job_id")
    private UUID currentJobId;

    @Enumerated(EnumType.STRING)
    @Column(name = "decline_reason")
    private DeclineReason declineReason;

    @Column(name = "decline_note")
    private String declineNote;

    @Column(name = "declined_by")
    private String declinedBy;

    @Column(name = "closed_at")
    private Instant closedAt;

    /** The authorised agent acting for the consumer (channel AUTHORIZED_AGENT). */
    @Column(name = "agent_name")
    private String agentName;

    @Column(name = "signed_permission")
    private Boolean signedPermission;

    @Enumerated(EnumType.STRING)
    @Column(name = "correction_field")
    private CorrectionField correctionField;

    /** The corrected value the consumer asks for; personal data, erased with the identity. */
    @Column(name = "correction_value")
    private String correctionValue;

    @Column(name = "extension_reason")
    private String extensionReason;

    @Column(name = "extended_by")
    private String extendedBy;

    @Column(name = "extended_at")
    private Instant extendedAt;

    /** The effective due date agents were last reminded of (a new due date after an extension earns a new reminder). */
    @Column(name = "reminder_sent_for")
    private Instant reminderSentFor;

    @Column(name = "breach_reported_at")
    private Instant breachReportedAt;

    @Column(name = "identity_erased_at")
    private Instant identityErasedAt;

    /** The copy deletion-service prepared for an ACCESS request (ids and counts only, never content). */
    @Column(name = "export_id")
    private UUID exportId;

    @Column(name = "export_chat_count")
    private Long exportChatCount;

    @Column(name = "export_ticket_count")
    private Long exportTicketCount;

    /** When notification-service reported the copy's mail delivered to the consumer. */
    @Column(name = "export_sent_at")
    private Instant exportSentAt;

    @Column(name = "export_notification_id")
    private UUID exportNotificationId;

    /** The latest copy asked of deletion-service: 1 is the one {@code request.opened.v1} asks for, then re-sends. */
    @Column(name = "export_attempt", nullable = false)
    private int exportAttempt = 1;

    /** When the latest fresh copy was asked for, so that a double click does not mail the consumer twice. */
    @Column(name = "export_requested_at")
    private Instant exportRequestedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seq")
    private List<TimelineEntry> timeline = new ArrayList<>();

    protected RightsRequest() {}

    /**
     * Opens a request. A deletion names exactly one scope: a tag, or a data subject's email address
     * (optionally with the widget's visitor id).
     */
    public static RightsRequest open(
            UUID id,
            UUID accountId,
            RequestType type,
            RequestChannel channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            String openedBy,
            Instant receivedAt,
            StatutoryClock.Deadlines deadlines) {
        return open(
                id,
                accountId,
                type,
                channel,
                tag,
                subjectEmail,
                subjectVisitorId,
                Intake.NONE,
                openedBy,
                receivedAt,
                deadlines);
    }

    /** Opens a request with what it records beyond its scope (an authorised agent, a correction), logged at receipt. */
    public static RightsRequest open(
            UUID id,
            UUID accountId,
            RequestType type,
            RequestChannel channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            Intake intake,
            String openedBy,
            Instant receivedAt,
            StatutoryClock.Deadlines deadlines) {
        return open(
                id,
                accountId,
                type,
                channel,
                tag,
                subjectEmail,
                subjectVisitorId,
                intake,
                openedBy,
                receivedAt,
                receivedAt,
                deadlines);
    }

    /**
     * Opens a request that was received at {@code receivedAt} (by mail or phone, say) and logged by an
     * agent at {@code now}; the statutory {@code deadlines} count from the receipt.
     */
    public static RightsRequest open(
            UUID id,
            UUID accountId,
            RequestType type,
            RequestChannel channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            Intake intake,
            String openedBy,
            Instant receivedAt,
            Instant now,
            StatutoryClock.Deadlines deadlines) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(openedBy, "openedBy");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(now, "now");
        if (type == RequestType.DELETE && (tag == null) == (subjectEmail == null)) {
            throw new IllegalArgumentException("a deletion names exactly one of a tag or a subject's email");
        }
        if (tag != null && subjectVisitorId != null) {
            throw new IllegalArgumentException("a tag deletion has no data subject");
        }
        if (type != RequestType.DELETE && subjectEmail == null && subjectVisitorId == null) {
            throw new IllegalArgumentException("a consumer's request names the consumer");
        }
        if (type == RequestType.CORRECT && (intake.correctionField() == null || intake.correctionValue() == null)) {
            throw new IllegalArgumentException("a correction names the field and its new value");
        }
        RightsRequest request = new RightsRequest();
        request.id = id;
        request.accountId = accountId;
        request.type = type;
        request.channel = channel;
        request.tag = tag;
        request.subjectEmail = subjectEmail;
        request.subjectVisitorId = subjectVisitorId;
        request.agentName = intake.agentName();
        request.signedPermission = intake.signedPermission();
        request.correctionField = intake.correctionField();
        request.correctionValue = intake.correctionValue();
        request.openedBy = openedBy;
        request.receivedAt = receivedAt;
        request.acknowledgeBy = deadlines.acknowledgeBy();
        request.dueAt = deadlines.dueAt();
        request.status = RequestStatus.OPEN;
        request.updatedAt = now;
        request.append(
                TimelineKind.OPENED,
                receivedAt,
                now,
                describeOpening(request),
                openedBy,
                details(
                        "channel",
                        channel.name(),
                        "acknowledgeBy",
                        request.acknowledgeBy,
                        "dueAt",
                        request.dueAt,
                        "signedPermission",
                        request.signedPermission,
                        "correctionField",
                        request.correctionField,
                        // a request logged after it arrived: the clock runs from receipt, not from logging
                        "loggedAt",
                        now.equals(receivedAt) ? null : now),
                null);
        return request;
    }

    /**
     * deletion-service emailed a verification code for a job of this request.
     *
     * @return whether the request changed
     */
    public boolean verificationIssued(
            UUID jobId,
            long chatCount,
            long ticketCount,
            Instant expiresAt,
            Instant occurredAt,
            Instant now,
            String eventId) {
        boolean replacing = currentJobId != null && !currentJobId.equals(jobId);
        Decision decision = RequestLifecycle.decide(status, Trigger.VERIFICATION_ISSUED, true);
        if (!apply(decision, now)) {
            return false;
        }
        currentJobId = jobId;
        append(
                TimelineKind.VERIFICATION_ISSUED,
                occurredAt,
                now,
                (replacing ? "A new verification code was issued" : "A verification code was issued")
                        + " to the account owner's registered address, covering " + chatCount + " chat(s) and "
                        + ticketCount + " ticket(s); it is valid until " + expiresAt + ".",
                null,
                details("jobId", jobId, "chatCount", chatCount, "ticketCount", ticketCount, "expiresAt", expiresAt),
                eventId);
        return true;
    }

    /** Too many wrong codes locked a verification job; nothing was deleted. */
    public boolean jobLocked(UUID jobId, int failedAttempts, Instant occurredAt, Instant now, String eventId) {
        Decision decision = RequestLifecycle.decide(status, Trigger.JOB_LOCKED, jobId.equals(currentJobId));
        if (!apply(decision, now)) {
            return false;
        }
        append(
                TimelineKind.VERIFICATION_LOCKED,
                occurredAt,
                now,
                "Verification locked after " + failedAttempts
                        + " wrong code(s); nothing was deleted. A new code may be issued.",
                null,
                details("jobId", jobId, "failedAttempts", failedAttempts),
                eventId);
        return true;
    }

    /** A verification job's code window passed unused. */
    public boolean jobExpired(UUID jobId, Instant occurredAt, Instant now, String eventId) {
        boolean current = currentJobId == null || jobId.equals(currentJobId);
        Decision decision = RequestLifecycle.decide(status, Trigger.JOB_EXPIRED, current);
        if (!apply(decision, now)) {
            return false;
        }
        append(
                TimelineKind.VERIFICATION_EXPIRED,
                occurredAt,
                now,
                current
                        ? "The verification code expired unused; nothing was deleted."
                        : "An earlier verification code expired unused; a newer one is still valid.",
                null,
                details("jobId", jobId),
                eventId);
        return true;
    }

    /** deletion-service purged the data this request covers. */
    public boolean purgeCompleted(
            UUID jobId,
            UUID receiptId,
            long chatsDeleted,
            long ticketsDeleted,
            long chatsSkippedLegalHold,
            long ticketsSkippedLegalHold,
            Instant occurredAt,
            Instant now,
            String eventId) {
        Decision decision = RequestLifecycle.decide(status, Trigger.PURGE_COMPLETED, true);
        boolean afterDecline = status == RequestStatus.DECLINED;
        if (!apply(decision, now)) {
            return false;
        }
        if (decision.effect() == RequestLifecycle.Effect.TRANSITION) {
            closedAt = occurredAt;
        }
        append(
                TimelineKind.PURGE_COMPLETED,
                occurredAt,
                now,
                (afterDecline ? "Although the request was declined, deletion-service reports: " : "")
                        + "Deleted " + chatsDeleted + " chat(s) and " + ticketsDeleted + " ticket(s); "
                        + chatsSkippedLegalHold + " chat(s) and " + ticketsSkippedLegalHold
                        + " ticket(s) kept under legal hold. Receipt " + receiptId + ".",
                null,
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
                        ticketsSkippedLegalHold),
                eventId);
        return true;
    }

    /**
     * The owner declines the request for a reason the law allows.
     *
     * @throws RequestClosedException when the request is already completed or declined
     */
    public void decline(DeclineReason reason, String note, String declinedBy, Instant now) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(declinedBy, "declinedBy");
        Decision decision = RequestLifecycle.decide(status, Trigger.DECLINE, true);
        if (decision.effect() == RequestLifecycle.Effect.REJECT) {
            throw new RequestClosedException(id, status);
        }
        apply(decision, now);
        declineReason = reason;
        declineNote = note;
        this.declinedBy = declinedBy;
        closedAt = now;
        append(
                TimelineKind.DECLINED,
                now,
                now,
                "Declined: " + reason.name() + ".",
                declinedBy,
                details("reason", reason.name(), "note", note),
                null);
    }

    /**
     * Another service carried out what the request asked (consent-service applied an opt-out; later the
     * vault's export or correction): the request is completed, unless it is already final.
     *
     * @return whether the request changed
     */
    public boolean fulfilled(
            String summary, Map<String, Object> facts, Instant occurredAt, Instant now, String eventId) {
        Decision decision = RequestLifecycle.decide(status, Trigger.FULFILLED, true);
        boolean afterDecline = status == RequestStatus.DECLINED;
        if (!apply(decision, now)) {
            return false;
        }
        if (decision.effect() == RequestLifecycle.Effect.TRANSITION) {
            closedAt = occurredAt == null ? now : occurredAt;
        }
        append(
                TimelineKind.FULFILLED,
                occurredAt,
                now,
                (afterDecline ? "Although the request was declined: " : "") + summary,
                null,
                facts,
                eventId);
        return true;
    }

    /**
     * deletion-service prepared the copy an ACCESS request asked for. The request is fulfilled once the
     * mail carrying the copy was also delivered ({@link #exportSent}); the two reports travel on
     * different topics and may arrive in either order.
     *
     * @return whether the request changed
     */
    public boolean exportReady(
            UUID exportId,
            long chatCount,
            long ticketCount,
            Instant expiresAt,
            Instant occurredAt,
            Instant now,
            String eventId) {
        Objects.requireNonNull(exportId, "exportId");
        Decision decision = RequestLifecycle.decide(status, Trigger.EXPORT_READY, true);
        boolean afterDecline = status == RequestStatus.DECLINED;
        if (!apply(decision, now)) {
            return false;
        }
        this.exportId = exportId;
        exportChatCount = chatCount;
        exportTicketCount = ticketCount;
        append(
                TimelineKind.EXPORT_READY,
                occurredAt,
                now,
                (afterDecline ? "Although the request was declined, deletion-service reports: " : "")
                        + "A copy of " + chatCount + " chat(s) and " + ticketCount
                        + " ticket(s) was prepared for the consumer (export " + exportId + ", available until "
                        + expiresAt + ").",
                null,
                details(
                        "exportId",
                        exportId,
                        "chatCount",
                        chatCount,
                        "ticketCount",
                        ticketCount,
                        "expiresAt",
                        expiresAt),
                eventId);
        if (exportSentAt != null) {
            fulfilExport(now, eventId);
        }
        return true;
    }

    /**
     * notification-service delivered the mail carrying an ACCESS request's copy (template
     * {@code ACCESS_EXPORT}); the request is fulfilled once the export it carries was reported as well.
     * The mail's own timeline entry is {@link #notificationSent}'s.
     *
     * @return whether the request's status changed
     */
    public boolean exportSent(UUID notificationId, Instant sentAt, Instant now, String eventId) {
        if (type != RequestType.ACCESS || status == RequestStatus.COMPLETED || exportSentAt != null) {
            return false;
        }
        exportSentAt = sentAt == null ? now : sentAt;
        exportNotificationId = notificationId;
        touch(now);
        if (exportId == null) {
            return false;
        }
        RequestStatus before = status;
        fulfilExport(now, eventId);
        return status != before;
    }

    /**
     * An agent asks for a fresh copy of an ACCESS request's data because the first never reached the consumer
     * (its mail was given up, or the consumer says it never arrived): the next attempt is counted and recorded.
     * Whichever attempt's copy is then delivered completes the request ({@link #exportReady}, {@link
     * #exportSent}).
     *
     * @return the attempt asked for: 2 for the first re-send, 3 for the next, ...
     * @throws ExportRefusedException for another type of request, an erased address, or a re-send less than
     *     {@link #EXPORT_RESEND_INTERVAL} after the previous one
     * @throws RequestClosedException when the request is already completed or declined
     */
    public int requestExport(String by, Instant now) {
        Objects.requireNonNull(by, "by");
        if (type != RequestType.ACCESS) {
            throw new ExportRefusedException(ExportRefusedException.Refusal.NOT_AN_ACCESS_REQUEST, null);
        }
        Decision decision = RequestLifecycle.decide(status, Trigger.RESEND_EXPORT, true);
        if (decision.effect() == RequestLifecycle.Effect.REJECT) {
            throw new RequestClosedException(id, status);
        }
        if (subjectEmail == null) {
            throw new ExportRefusedException(ExportRefusedException.Refusal.IDENTITY_ERASED, null);
        }
        if (exportRequestedAt != null && now.isBefore(exportRequestedAt.plus(EXPORT_RESEND_INTERVAL))) {
            throw new ExportRefusedException(
                    ExportRefusedException.Refusal.RECENTLY_REQUESTED, exportRequestedAt.plus(EXPORT_RESEND_INTERVAL));
        }
        apply(decision, now);
        exportAttempt++;
        exportRequestedAt = now;
        append(
                TimelineKind.EXPORT_REQUESTED,
                now,
                now,
                "A fresh copy of the consumer's data was asked for (attempt " + exportAttempt
                        + "); it is mailed to the consumer's address once deletion-service has prepared it.",
                by,
                details("attempt", exportAttempt, "requestedBy", by),
                null);
        return exportAttempt;
    }

    /** Both halves of an ACCESS request were reported: the copy was prepared and its mail delivered. */
    private void fulfilExport(Instant now, String eventId) {
        fulfilled(
                "The consumer was sent a copy of " + exportChatCount + " chat(s) and " + exportTicketCount
                        + " ticket(s) (export " + exportId + ").",
                details(
                        "exportId",
                        exportId,
                        "chatCount",
                        exportChatCount,
                        "ticketCount",
                        exportTicketCount,
                        "notificationId",
                        exportNotificationId),
                exportSentAt,
                now,
                eventId);
    }

    /**
     * deletion-service found no data to verify the request against (a correction that matches nothing
     * of the consumer's): the request is declined for {@link DeclineReason#CANNOT_VERIFY} with
     * {@code note}, unless its outcome is already final. No person declined it: {@code declinedBy} stays
     * empty.
     *
     * @return whether the request changed
     */
    public boolean unverified(String note, Map<String, Object> facts, Instant occurredAt, Instant now, String eventId) {
        Objects.requireNonNull(note, "note");
        Decision decision = RequestLifecycle.decide(status, Trigger.UNVERIFIED, true);
        if (!apply(decision, now)) {
            return false;
        }
        declineReason = DeclineReason.CANNOT_VERIFY;
        declineNote = note;
        declinedBy = null;
        closedAt = occurredAt == null ? now : occurredAt;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", DeclineReason.CANNOT_VERIFY.name());
        details.putAll(facts == null ? Map.of() : facts);
        details.put("note", note);
        append(
                TimelineKind.DECLINED,
                occurredAt,
                now,
                "Declined: " + DeclineReason.CANNOT_VERIFY.name() + ", on deletion-service's report.",
                null,
                details,
                eventId);
        return true;
    }

    /**
     * The address the consumer is written to about this request: the corrected address of an email
     * correction (the one on record is the very data said to be wrong, and may no longer be theirs),
     * otherwise {@link #subjectEmail()}; null when there is none (a tag deletion, a visitor-only request,
     * an erased identity).
     */
    public String consumerEmail() {
        if (type == RequestType.CORRECT && correctionField == CorrectionField.EMAIL && correctionValue != null) {
            return correctionValue;
        }
        return subjectEmail;
    }

    /**
     * Takes the one extension of the response period, for a reason the consumer will be told.
     *
     * @throws RequestClosedException when the request is already completed or declined
     * @throws ExtensionRefusedException when the statute does not allow it (see {@link
     *     StatutoryClock#checkExtension})
     */
    public void extend(String reason, String by, Instant now, StatutoryClock clock) {
        Decision decision = RequestLifecycle.decide(status, Trigger.EXTEND, true);
        if (decision.effect() == RequestLifecycle.Effect.REJECT) {
            throw new RequestClosedException(id, status);
        }
        StatutoryClock.ExtensionRefusal refusal =
                StatutoryClock.checkExtension(type, dueAt, extendedDueAt, reason, now);
        if (refusal != null) {
            throw new ExtensionRefusedException(refusal);
        }
        apply(decision, now);
        extendedDueAt = clock.extendedDueAt(dueAt);
        extensionReason = reason.strip();
        extendedBy = by;
        extendedAt = now;
        append(
                TimelineKind.EXTENDED,
                now,
                now,
                "Response period extended once, to " + extendedDueAt + "; the consumer is told why.",
                by,
                details("dueAt", dueAt, "extendedDueAt", extendedDueAt, "extensionReason", extensionReason),
                null);
    }

    /** The same consumer asked again for the same right while this request is open: linked, not opened twice. */
    public void duplicateReceived(RequestChannel channel, String by, Instant now) {
        touch(now);
        append(
                TimelineKind.DUPLICATE_RECEIVED,
                now,
                now,
                "The same request was received again via " + channel.name() + "; linked to this one.",
                by,
                details("channel", channel.name()),
                null);
    }

    /** Records something another service reported that changes nothing (e.g. an opt-out of another scope). */
    public void noted(String summary, Map<String, Object> facts, Instant occurredAt, Instant now, String eventId) {
        touch(now);
        append(TimelineKind.NOTED, occurredAt, now, summary, null, facts, eventId);
    }

    /** The due date in force: the extended one when the period was extended. */
    public Instant effectiveDueAt() {
        return extendedDueAt != null ? extendedDueAt : dueAt;
    }

    /**
     * Whether agents should now be reminded of the coming due date: within {@code reminderDays} of it,
     * not yet due, not final, and not reminded of this due date before.
     */
    public boolean needsReminder(Instant now, int reminderDays) {
        Instant due = effectiveDueAt();
        return !status.isFinal()
                && now.isBefore(due)
                && !now.isBefore(due.minus(java.time.Duration.ofDays(reminderDays)))
                && !due.equals(reminderSentFor);
    }

    /** Whether the request is past its due date, open, and not yet reported as such. */
    public boolean needsBreachReport(Instant now) {
        return !status.isFinal() && !now.isBefore(effectiveDueAt()) && breachReportedAt == null;
    }

    /** Agents were reminded of the coming due date. */
    public void reminded(Instant now) {
        reminderSentFor = effectiveDueAt();
        touch(now);
        append(
                TimelineKind.DEADLINE_APPROACHING,
                now,
                now,
                "Due " + effectiveDueAt() + "; agents reminded.",
                null,
                details("dueAt", effectiveDueAt()),
                null);
    }

    /** The request passed its due date unanswered; agents were alerted. */
    public void breached(Instant now) {
        breachReportedAt = now;
        touch(now);
        append(
                TimelineKind.DEADLINE_BREACHED,
                now,
                now,
                "Overdue since " + effectiveDueAt() + "; agents alerted.",
                null,
                details("dueAt", effectiveDueAt()),
                null);
    }

    /**
     * The record has been kept as long as the law asks: the consumer's identity goes (email, visitor
     * id, agent name, the corrected value, and free-text notes that may name the consumer); type,
     * channel, dates, status, counts and the timeline stay.
     */
    public void eraseIdentity(Instant now) {
        subjectEmail = null;
        subjectVisitorId = null;
        agentName = null;
        correctionValue = null;
        declineNote = declineNote == null ? null : "[erased]";
        extensionReason = extensionReason == null ? null : "[erased]";
        identityErasedAt = now;
        touch(now);
        for (TimelineEntry entry : timeline) {
            entry.eraseFreeText();
        }
        append(
                TimelineKind.IDENTITY_ERASED,
                now,
                now,
                "Record retention period over: the consumer's identity was erased; dates and outcome kept.",
                null,
                null,
                null);
    }

    /** notification-service delivered a mail about this request. */
    public void notificationSent(
            UUID notificationId, String template, int attempts, Instant occurredAt, Instant now, String eventId) {
        touch(now);
        append(
                TimelineKind.NOTIFICATION_SENT,
                occurredAt,
                now,
                describeTemplate(template) + " delivered" + (attempts > 1 ? " after " + attempts + " attempts." : "."),
                null,
                details("notificationId", notificationId, "template", template, "attempts", attempts),
                eventId);
    }

    /** notification-service could not deliver a mail about this request (yet). */
    public void notificationFailed(
            UUID notificationId,
            String template,
            int attempts,
            String reason,
            boolean willRetry,
            Instant occurredAt,
            Instant now,
            String eventId) {
        touch(now);
        append(
                TimelineKind.NOTIFICATION_FAILED,
                occurredAt,
                now,
                describeTemplate(template) + " not delivered (attempt " + attempts + ", " + reason + "); "
                        + (willRetry ? "retrying." : "given up."),
                null,
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
                        willRetry),
                eventId);
    }

    private boolean apply(Decision decision, Instant now) {
        if (!decision.recorded()) {
            return false;
        }
        status = decision.next();
        touch(now);
        return true;
    }

    private void touch(Instant now) {
        updatedAt = now;
    }

    private void append(
            TimelineKind kind,
            Instant occurredAt,
            Instant now,
            String summary,
            String actor,
            Map<String, Object> details,
            String eventId) {
        // numbered after the entries read once the caller locked this request's row (every caller does), so
        // two appends to one request can never take the same number
        timeline.add(TimelineEntry.of(
                this,
                timeline.size() + 1,
                kind,
                occurredAt == null ? now : occurredAt,
                now,
                summary,
                actor,
                details,
                eventId));
    }

    private static String describeOpening(RightsRequest request) {
        String what = switch (request.type) {
            case DELETE -> "Deletion";
            case ACCESS -> "Access";
            case CORRECT -> "Correction";
            case OPT_OUT -> "Opt-out";
            case LIMIT -> "Limit-use";
        };
        String scope = request.tag != null
                ? " of everything tagged \"" + request.tag + "\""
                : request.type != RequestType.DELETE
                        ? " from one consumer"
                        : request.subjectEmail != null || request.subjectVisitorId != null
                                ? " of all chats and tickets of one data subject"
                                : "";
        return what + " request" + scope + " received via " + request.channel.name() + ".";
    }

    private static String describeTemplate(String template) {
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
            case "ACCESS_EXPORT" -> "Email with the copy of the consumer's data";
            case "DEADLINE_REMINDER" -> "Deadline reminder email to the account owner";
            case "DEADLINE_ALERT" -> "Overdue alert email to the account owner";
            case "JOB_LOCKED_NOTICE" -> "Lock notice email to the account owner";
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

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public RequestType type() {
        return type;
    }

    public RequestStatus status() {
        return status;
    }

    public RequestChannel channel() {
        return channel;
    }

    public String tag() {
        return tag;
    }

    public String subjectEmail() {
        return subjectEmail;
    }

    public String subjectVisitorId() {
        return subjectVisitorId;
    }

    public String openedBy() {
        return openedBy;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant acknowledgeBy() {
        return acknowledgeBy;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant extendedDueAt() {
        return extendedDueAt;
    }

    public UUID currentJobId() {
        return currentJobId;
    }

    public DeclineReason declineReason() {
        return declineReason;
    }

    public String declineNote() {
        return declineNote;
    }

    public String declinedBy() {
        return declinedBy;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public String agentName() {
        return agentName;
    }

    public Boolean signedPermission() {
        return signedPermission;
    }

    public CorrectionField correctionField() {
        return correctionField;
    }

    public String correctionValue() {
        return correctionValue;
    }

    public String extensionReason() {
        return extensionReason;
    }

    public String extendedBy() {
        return extendedBy;
    }

    public Instant extendedAt() {
        return extendedAt;
    }

    public Instant identityErasedAt() {
        return identityErasedAt;
    }

    public UUID exportId() {
        return exportId;
    }

    public Long exportChatCount() {
        return exportChatCount;
    }

    public Long exportTicketCount() {
        return exportTicketCount;
    }

    public Instant exportSentAt() {
        return exportSentAt;
    }

    public int exportAttempt() {
        return exportAttempt;
    }

    public Instant exportRequestedAt() {
        return exportRequestedAt;
    }

    public List<TimelineEntry> timeline() {
        return Collections.unmodifiableList(timeline);
    }
}
