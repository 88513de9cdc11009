package io.chatprivacy.request.domain;

import io.chatprivacy.request.domain.RequestLifecycle.Decision;
import io.chatprivacy.request.domain.RequestLifecycle.Effect;
import io.chatprivacy.request.domain.RequestLifecycle.Trigger;
import io.chatprivacy.request.domain.TimelineEntries.Draft;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A consumer's rights request (the aggregate): what was asked, by whom and through which channel, its
 * statutory dates, its status and the timeline of everything that happened to it.
 *
 * <p>Every change goes through a method here that asks {@link RequestLifecycle} first, so a late or repeated
 * event from another service can never undo a final outcome. The state of each concern lives in a value of
 * its own, mapped to this table's columns: {@link Scope} (what the request covers, and the erasure of the
 * consumer's identity), {@link Intake} (an authorised agent, a correction), {@link Extension}, {@link
 * DeadlineAlerts}, {@link Decline} and {@link ExportProgress} (an ACCESS request's copy). The words of the
 * timeline are {@link TimelineEntries}'.
 *
 * <p>A part whose columns are all null reads back from the database as null; its accessor here answers its
 * empty value instead, so no caller ever sees null for a part.
 *
 * <p>Why this class is longer than 400 lines: it is the one door to a request's state. About twenty changes
 * come through it (an agent's acts, other services' reports, the clock's reminders and erasure), each a few
 * lines that ask {@link RequestLifecycle}, change a part and record a timeline entry; spreading those doors
 * over several classes would hide which changes a request can undergo. What is not such a decision lives
 * in the parts, {@link TimelineEntries} and {@link RequestLifecycle}.
 */
@Entity
@Table(name = "rights_request")
public class RightsRequest {

    /**
     * What a new request is: its ids, type and channel, what it covers and records, who logged it, when it was
     * received and its statutory deadlines (counted from receipt), and when it was logged ({@code loggedAt}; an
     * agent may log a request that came by mail or phone days later; null means at receipt).
     *
     * @throws IllegalArgumentException for a scope or intake that does not suit the type (see {@link
     *     Scope#checkFor}, {@link Intake#checkFor})
     */
    public record Opening(
            UUID id,
            UUID accountId,
            RequestType type,
            RequestChannel channel,
            Scope scope,
            Intake intake,
            String openedBy,
            Instant receivedAt,
            Instant loggedAt,
            StatutoryClock.Deadlines deadlines,
            String jurisdiction) {

        /** An opening in the default jurisdiction, California. */
        public Opening(
                UUID id,
                UUID accountId,
                RequestType type,
                RequestChannel channel,
                Scope scope,
                Intake intake,
                String openedBy,
                Instant receivedAt,
                Instant loggedAt,
                StatutoryClock.Deadlines deadlines) {
            this(id, accountId, type, channel, scope, intake, openedBy, receivedAt, loggedAt, deadlines, null);
        }

        public Opening {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(openedBy, "openedBy");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(deadlines, "deadlines");
            intake = intake == null ? Intake.NONE : intake;
            loggedAt = loggedAt == null ? receivedAt : loggedAt;
            jurisdiction = jurisdiction == null ? DEFAULT_JURISDICTION : jurisdiction;
            scope.checkFor(type);
            intake.checkFor(type);
        }
    }

    /** The reserved domain (RFC 2606) of the opt-out self-test's synthetic consumers. */
    public static final String SYNTHETIC_DOMAIN = "selftest.invalid";

    /** Whether an address is the opt-out self-test's synthetic consumer's. */
    public static boolean isSynthetic(String email) {
        return email != null && email.strip().toLowerCase(java.util.Locale.ROOT).endsWith("@" + SYNTHETIC_DOMAIN);
    }

    /** The jurisdiction of a request stored before jurisdictions were recorded (the column's default). */
    public static final String DEFAULT_JURISDICTION = "CA";

    @Id
    private UUID id;

    /** The two-letter code of the jurisdiction whose pack decides the request's rights, clocks and appeal. */
    @Column(nullable = false, length = 2)
    private String jurisdiction = DEFAULT_JURISDICTION;

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

    @Column(name = "opened_by", nullable = false)
    private String openedBy;

    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;

    @Column(name = "acknowledge_by", nullable = false)
    private Instant acknowledgeBy;

    @Column(name = "due_at", nullable = false)
    private Instant dueAt;

    /** The latest verification job deletion-service reported for this request. */
    @Column(name = "current_job_id")
    private UUID currentJobId;

    @Column(name = "closed_at")
    private Instant closedAt;

    /**
     * Made by consent-service's opt-out self-test for a synthetic consumer (an address on {@value
     * #SYNTHETIC_DOMAIN}): never counted in the published figures.
     */
    @Column(nullable = false)
    private boolean synthetic;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Embedded
    private Scope scope = Scope.NONE;

    @Embedded
    private Intake intake = Intake.NONE;

    @Embedded
    private Extension extension = Extension.NONE;

    @Embedded
    private DeadlineAlerts alerts = DeadlineAlerts.NONE;

    @Embedded
    private Decline decline = Decline.NONE;

    @Embedded
    private ExportProgress export = ExportProgress.FIRST;

    @Embedded
    private Appeal appeal = Appeal.NONE;

    /** What the owner was told about a pending appeal's due date. */
    @Embedded
    @AttributeOverride(name = "reminderSentFor", column = @Column(name = "appeal_reminder_sent_for"))
    @AttributeOverride(name = "breachReportedAt", column = @Column(name = "appeal_breach_reported_at"))
    private DeadlineAlerts appealAlerts = DeadlineAlerts.NONE;

    @Version
    private long version;

    @OneToMany(mappedBy = "request", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("seq")
    private List<TimelineEntry> timeline = new ArrayList<>();

    protected RightsRequest() {}

    /** Opens a request, logged at receipt or later; its timeline starts with the receipt. */
    /** Whether the opt-out self-test made this request (see {@link #isSynthetic}). */
    public boolean synthetic() {
        return synthetic;
    }

    public static RightsRequest open(Opening opening) {
        RightsRequest request = new RightsRequest();
        request.id = opening.id();
        request.accountId = opening.accountId();
        request.type = opening.type();
        request.jurisdiction = opening.jurisdiction();
        request.channel = opening.channel();
        request.scope = opening.scope();
        request.synthetic =
                opening.scope() != null && isSynthetic(opening.scope().subjectEmail());
        request.intake = opening.intake();
        request.openedBy = opening.openedBy();
        request.receivedAt = opening.receivedAt();
        request.acknowledgeBy = opening.deadlines().acknowledgeBy();
        request.dueAt = opening.deadlines().dueAt();
        request.status = RequestStatus.OPEN;
        request.updatedAt = opening.loggedAt();
        Instant loggedLater = opening.loggedAt().equals(opening.receivedAt()) ? null : opening.loggedAt();
        Draft entry = TimelineEntries.opened(
                opening.type(), opening.channel(), opening.scope(), opening.intake(), opening.deadlines(), loggedLater);
        request.append(entry, opening.receivedAt(), opening.loggedAt(), opening.openedBy(), null);
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
        if (!apply(RequestLifecycle.decide(status, Trigger.VERIFICATION_ISSUED, true), now)) {
            return false;
        }
        currentJobId = jobId;
        Draft entry = TimelineEntries.verificationIssued(replacing, jobId, chatCount, ticketCount, expiresAt);
        append(entry, occurredAt, now, null, eventId);
        return true;
    }

    /** Too many wrong codes locked a verification job; nothing was deleted. */
    public boolean jobLocked(UUID jobId, int failedAttempts, Instant occurredAt, Instant now, String eventId) {
        if (!apply(RequestLifecycle.decide(status, Trigger.JOB_LOCKED, jobId.equals(currentJobId)), now)) {
            return false;
        }
        append(TimelineEntries.verificationLocked(jobId, failedAttempts), occurredAt, now, null, eventId);
        return true;
    }

    /** A verification job's code window passed unused. */
    public boolean jobExpired(UUID jobId, Instant occurredAt, Instant now, String eventId) {
        boolean current = currentJobId == null || jobId.equals(currentJobId);
        if (!apply(RequestLifecycle.decide(status, Trigger.JOB_EXPIRED, current), now)) {
            return false;
        }
        append(TimelineEntries.verificationExpired(jobId, current), occurredAt, now, null, eventId);
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
        if (decision.effect() == Effect.TRANSITION) {
            closedAt = occurredAt;
        }
        Draft entry = TimelineEntries.purgeCompleted(
                afterDecline,
                jobId,
                receiptId,
                chatsDeleted,
                ticketsDeleted,
                chatsSkippedLegalHold,
                ticketsSkippedLegalHold);
        append(entry, occurredAt, now, null, eventId);
        return true;
    }

    /**
     * The owner declines the request for a reason the law allows.
     *
     * @throws RequestClosedException when the request is already completed or declined
     */
    public void decline(DeclineReason reason, String note, String declinedBy, Instant now) {
        Decline declined = Decline.by(reason, note, declinedBy);
        apply(decideOrThrow(Trigger.DECLINE), now);
        decline = declined;
        closedAt = now;
        append(TimelineEntries.declined(declined), now, now, declinedBy, null);
    }

    /**
     * deletion-service found no data to verify the request against (a correction that matches nothing of
     * the consumer's): the request is declined for {@link DeclineReason#CANNOT_VERIFY} with {@code note},
     * unless its outcome is already final. No person declined it: {@link Decline#declinedBy()} stays empty.
     *
     * @return whether the request changed
     */
    public boolean unverified(String note, Map<String, Object> facts, Instant occurredAt, Instant now, String eventId) {
        Decline declined = Decline.unverified(note);
        if (!apply(RequestLifecycle.decide(status, Trigger.UNVERIFIED, true), now)) {
            return false;
        }
        decline = declined;
        closedAt = occurredAt == null ? now : occurredAt;
        append(TimelineEntries.unverified(declined, facts), occurredAt, now, null, eventId);
        return true;
    }

    /**
     * Another service carried out what the request asked (consent-service applied an opt-out, the vault
     * corrected the data, the consumer has their copy): the request is completed, unless it is already final.
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
        if (decision.effect() == Effect.TRANSITION) {
            closedAt = occurredAt == null ? now : occurredAt;
        }
        append(TimelineEntries.fulfilled(afterDecline, summary, facts), occurredAt, now, null, eventId);
        return true;
    }

    /**
     * deletion-service prepared the copy an ACCESS request asked for. The request is fulfilled once the mail
     * carrying the copy was also delivered ({@link #exportSent}); the two reports travel on different topics
     * and may arrive in either order.
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
        export = export().ready(exportId, chatCount, ticketCount);
        Draft entry = TimelineEntries.exportReady(afterDecline, exportId, chatCount, ticketCount, expiresAt);
        append(entry, occurredAt, now, null, eventId);
        if (export().isSent()) {
            fulfilExport(now, eventId);
        }
        return true;
    }

    /**
     * notification-service delivered the mail carrying an ACCESS request's copy; the request is fulfilled
     * once the export it carries was reported as well. The mail's own timeline entry is {@link
     * #notificationSent}'s.
     *
     * @return whether the request's status changed
     */
    public boolean exportSent(UUID notificationId, Instant sentAt, Instant now, String eventId) {
        if (type != RequestType.ACCESS || status == RequestStatus.COMPLETED || export().isSent()) {
            return false;
        }
        export = export().sent(notificationId, sentAt == null ? now : sentAt);
        touch(now);
        if (!export().isReady()) {
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
     *     {@link ExportProgress#RESEND_INTERVAL} after the previous one
     * @throws RequestClosedException when the request is already completed or declined
     */
    public int requestExport(String by, Instant now) {
        Objects.requireNonNull(by, "by");
        if (type != RequestType.ACCESS) {
            throw new ExportRefusedException(ExportRefusedException.Refusal.NOT_AN_ACCESS_REQUEST, null);
        }
        Decision decision = decideOrThrow(Trigger.RESEND_EXPORT);
        if (scope().subjectEmail() == null) {
            throw new ExportRefusedException(ExportRefusedException.Refusal.IDENTITY_ERASED, null);
        }
        ExportProgress next = export().nextAttempt(now);
        apply(decision, now);
        export = next;
        append(TimelineEntries.exportRequested(next.exportAttempt(), by), now, now, by, null);
        return next.exportAttempt();
    }

    /** Both halves of an ACCESS request were reported: the copy was prepared and its mail delivered. */
    private void fulfilExport(Instant now, String eventId) {
        Draft delivered = TimelineEntries.copyDelivered(export());
        fulfilled(delivered.summary(), delivered.details(), export().exportSentAt(), now, eventId);
    }

    /**
     * The address the consumer is written to about this request: the corrected address of an email
     * correction (the one on record is the very data said to be wrong, and may no longer be theirs),
     * otherwise the scope's {@link Scope#subjectEmail()}; null when there is none (a tag deletion, a
     * visitor-only request, an erased identity).
     */
    public String consumerEmail() {
        String corrected = type == RequestType.CORRECT ? intake().correctedEmail() : null;
        return corrected != null ? corrected : scope().subjectEmail();
    }

    /**
     * Takes the one extension of the response period, for a reason the consumer will be told.
     *
     * @throws RequestClosedException when the request is already completed or declined
     * @throws ExtensionRefusedException when the statute does not allow it (see {@link
     *     StatutoryClock#checkExtension})
     */
    public void extend(String reason, String by, Instant now, StatutoryClock clock) {
        extend(reason, by, now, clock, ClockRules.CCPA);
    }

    /**
     * Takes the one extension of the response period under the request's jurisdiction's {@code rules}.
     *
     * @throws RequestClosedException when the request is already completed or declined
     * @throws ExtensionRefusedException when the rules do not allow it now
     */
    public void extend(String reason, String by, Instant now, StatutoryClock clock, ClockRules rules) {
        Decision decision = decideOrThrow(Trigger.EXTEND);
        Extension taken = extension().take(type, dueAt, reason, by, now, clock, rules);
        apply(decision, now);
        extension = taken;
        append(TimelineEntries.extended(dueAt, taken), now, now, by, null);
    }

    /**
     * The consumer appeals the decline, within the window their jurisdiction gives ({@code windowEndsAt}, counted
     * from the decline); the decision is due by {@code dueAt}. The request stays declined until it is decided.
     *
     * @throws AppealRefusedException when the request is not declined, was appealed already, or the window passed
     */
    public void appeal(String statement, String by, Instant now, Instant windowEndsAt, Instant dueAt) {
        if (status != RequestStatus.DECLINED) {
            throw new AppealRefusedException(AppealRefusedException.Refusal.NOT_DECLINED);
        }
        if (appeal().isFiled()) {
            throw new AppealRefusedException(AppealRefusedException.Refusal.ALREADY_APPEALED);
        }
        if (!now.isBefore(windowEndsAt)) {
            throw new AppealRefusedException(AppealRefusedException.Refusal.WINDOW_PASSED);
        }
        Appeal received = Appeal.received(statement, now, dueAt);
        apply(decideOrThrow(Trigger.APPEAL), now);
        appeal = received;
        append(TimelineEntries.appealReceived(received, windowEndsAt), now, now, by, null);
    }

    /**
     * The owner decides the appeal: {@link AppealDecision#UPHELD} keeps the decline, {@link
     * AppealDecision#REVERSED} opens the request again, to be carried out by the appeal's due date (its {@link
     * #effectiveDueAt()} from then on).
     *
     * @throws AppealRefusedException when there is no appeal, or it was decided already
     */
    public void decideAppeal(AppealDecision decision, String explanation, String by, Instant now) {
        if (!appeal().isFiled()) {
            throw new AppealRefusedException(AppealRefusedException.Refusal.NO_APPEAL);
        }
        if (!appeal().isPending()) {
            throw new AppealRefusedException(AppealRefusedException.Refusal.ALREADY_DECIDED);
        }
        Appeal decided = appeal().decided(decision, explanation, by, now);
        apply(
                decideOrThrow(decision == AppealDecision.REVERSED ? Trigger.APPEAL_REVERSED : Trigger.APPEAL_UPHELD),
                now);
        appeal = decided;
        if (decided.isReversed()) {
            closedAt = null;
        }
        append(TimelineEntries.appealDecided(decided), now, now, by, null);
    }

    /** When the request was declined (its closing time while declined), null otherwise. */
    public Instant declinedAt() {
        return status == RequestStatus.DECLINED ? closedAt : null;
    }

    /** The same consumer asked again for the same right while this request is open: linked, not opened twice. */
    public void duplicateReceived(RequestChannel channel, String by, Instant now) {
        touch(now);
        append(TimelineEntries.duplicateReceived(channel), now, now, by, null);
    }

    /** Records something another service reported that changes nothing (e.g. an opt-out of another scope). */
    public void noted(String summary, Map<String, Object> facts, Instant occurredAt, Instant now, String eventId) {
        touch(now);
        append(TimelineEntries.noted(summary, facts), occurredAt, now, null, eventId);
    }

    /**
     * The due date in force: the extended one when the period was extended; once a decline was reversed on
     * appeal, the appeal's due date (the request is carried out within the appeal's period).
     */
    public Instant effectiveDueAt() {
        return appeal().isReversed() ? appeal().appealDueAt() : extension().dueAtOr(dueAt);
    }

    /**
     * Whether agents should now be reminded of the coming due date: within {@code reminderDays} of it, not
     * yet due, not final, and not reminded of this due date before.
     */
    public boolean needsReminder(Instant now, int reminderDays) {
        return !status.isFinal() && alerts().needsReminder(effectiveDueAt(), now, reminderDays);
    }

    /** Whether the request is past its due date, open, and not yet reported as such. */
    public boolean needsBreachReport(Instant now) {
        return !status.isFinal() && alerts().needsBreachReport(effectiveDueAt(), now);
    }

    /** Agents were reminded of the coming due date. */
    public void reminded(Instant now) {
        alerts = alerts().remindedOf(effectiveDueAt());
        touch(now);
        append(TimelineEntries.deadlineApproaching(effectiveDueAt()), now, now, null, null);
    }

    /** The request passed its due date unanswered; agents were alerted. */
    public void breached(Instant now) {
        alerts = alerts().breachReported(now);
        touch(now);
        append(TimelineEntries.deadlineBreached(effectiveDueAt()), now, now, null, null);
    }

    /**
     * Whether the owner should now be reminded that a pending appeal must be decided: within {@code reminderDays}
     * of its due date, not yet due, and not reminded before.
     */
    public boolean needsAppealReminder(Instant now, int reminderDays) {
        return appeal().isPending() && appealAlerts().needsReminder(appeal().appealDueAt(), now, reminderDays);
    }

    /** Whether a pending appeal is past its due date undecided and not yet reported as such. */
    public boolean needsAppealBreachReport(Instant now) {
        return appeal().isPending() && appealAlerts().needsBreachReport(appeal().appealDueAt(), now);
    }

    /** The owner was reminded that the pending appeal must be decided by its due date. */
    public void appealReminded(Instant now) {
        appealAlerts = appealAlerts().remindedOf(appeal().appealDueAt());
        touch(now);
        append(TimelineEntries.appealDeadlineApproaching(appeal().appealDueAt()), now, now, null, null);
    }

    /** The appeal passed its due date undecided; the owner was alerted. */
    public void appealBreached(Instant now) {
        appealAlerts = appealAlerts().breachReported(now);
        touch(now);
        append(TimelineEntries.appealDeadlineBreached(appeal().appealDueAt()), now, now, null, null);
    }

    /**
     * The record has been kept as long as the law asks: the consumer's identity goes (email, visitor id,
     * agent name, the corrected value, and free-text notes that may name the consumer); type, channel,
     * dates, status, counts and the timeline stay.
     */
    public void eraseIdentity(Instant now) {
        scope = scope().erased(now);
        intake = intake().erased();
        decline = decline().erased();
        extension = extension().erased();
        appeal = appeal().erased();
        touch(now);
        for (TimelineEntry entry : timeline) {
            entry.eraseFreeText();
        }
        append(TimelineEntries.identityErased(), now, now, null, null);
    }

    /** notification-service delivered a mail about this request. */
    public void notificationSent(
            UUID notificationId, String template, int attempts, Instant occurredAt, Instant now, String eventId) {
        touch(now);
        append(TimelineEntries.notificationSent(notificationId, template, attempts), occurredAt, now, null, eventId);
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
        Draft entry = TimelineEntries.notificationFailed(notificationId, template, attempts, reason, willRetry);
        append(entry, occurredAt, now, null, eventId);
    }

    /** What {@code trigger} does now, refusing what the request's state forbids (an owner's or agent's act). */
    private Decision decideOrThrow(Trigger trigger) {
        Decision decision = RequestLifecycle.decide(status, trigger, true);
        if (decision.effect() == Effect.REJECT) {
            throw new RequestClosedException(id, status);
        }
        return decision;
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

    private void append(Draft entry, Instant occurredAt, Instant now, String actor, String eventId) {
        // numbered after the entries read once the caller locked this request's row (every caller does), so
        // two appends to one request can never take the same number
        timeline.add(TimelineEntry.of(
                this,
                timeline.size() + 1,
                entry.kind(),
                occurredAt == null ? now : occurredAt,
                now,
                entry.summary(),
                actor,
                entry.details(),
                eventId));
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

    public String openedBy() {
        return openedBy;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant acknowledgeBy() {
        return acknowledgeBy;
    }

    /** The original due date; see {@link #effectiveDueAt()} for the one in force. */
    public Instant dueAt() {
        return dueAt;
    }

    public UUID currentJobId() {
        return currentJobId;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Scope scope() {
        return scope == null ? Scope.NONE : scope;
    }

    public Intake intake() {
        return intake == null ? Intake.NONE : intake;
    }

    public Extension extension() {
        return extension == null ? Extension.NONE : extension;
    }

    public DeadlineAlerts alerts() {
        return alerts == null ? DeadlineAlerts.NONE : alerts;
    }

    public DeadlineAlerts appealAlerts() {
        return appealAlerts == null ? DeadlineAlerts.NONE : appealAlerts;
    }

    public Decline decline() {
        return decline == null ? Decline.NONE : decline;
    }

    public ExportProgress export() {
        return export == null ? ExportProgress.FIRST : export;
    }

    public String jurisdiction() {
        return jurisdiction == null ? DEFAULT_JURISDICTION : jurisdiction;
    }

    public Appeal appeal() {
        return appeal == null ? Appeal.NONE : appeal;
    }

    public List<TimelineEntry> timeline() {
        return Collections.unmodifiableList(timeline);
    }
}
