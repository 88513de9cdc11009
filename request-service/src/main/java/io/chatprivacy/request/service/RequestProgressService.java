package io.chatprivacy.request.service;

import io.chatprivacy.platform.events.EventOrigin;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.events.RequestCompletedEvent;
import io.chatprivacy.request.events.RequestDeclinedEvent;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import io.chatprivacy.request.service.reports.CorrectionApplied;
import io.chatprivacy.request.service.reports.CorrectionRejected;
import io.chatprivacy.request.service.reports.ExportReady;
import io.chatprivacy.request.service.reports.JobExpired;
import io.chatprivacy.request.service.reports.JobLocked;
import io.chatprivacy.request.service.reports.NotificationOutcome;
import io.chatprivacy.request.service.reports.OptedOut;
import io.chatprivacy.request.service.reports.PurgeCompleted;
import io.chatprivacy.request.service.reports.VerificationIssued;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Moves rights requests along as deletion-service, consent-service and notification-service report
 * progress, and announces the completions and declines that follow. Each method runs in the consuming
 * event's transaction and locks the request, so an owner's decline and an event about the same request
 * apply one after the other.
 */
@ApplicationScoped
public class RequestProgressService {

    private static final Logger LOG = Logger.getLogger(RequestProgressService.class);

    /** The notification template of the mail that carries an ACCESS request's copy to the consumer. */
    static final String ACCESS_EXPORT = "ACCESS_EXPORT";

    /** The longest decline note the record keeps (the column's size). */
    private static final int MAX_NOTE = 1000;

    private final RightsRequestRepository requests;
    private final Outbox outbox;
    private final Clock clock;

    RequestProgressService(RightsRequestRepository requests, Outbox outbox, Clock clock) {
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * consent-service applied an opt-out that answers a request: an {@code OPT_OUT} request is
     * fulfilled by a {@code SALE_SHARING} opt-out, a {@code LIMIT} request by {@code LIMIT_SENSITIVE}.
     * An opt-out of another scope is recorded without completing the request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void optedOut(UUID accountId, OptedOut report, EventOrigin source) {
        UUID optOutId = report.optOutId();
        String scope = report.scope();
        change(accountId, report.requestId(), source, "opted-out", r -> {
            String asked = scopeOf(r.type());
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("optOutId", String.valueOf(optOutId));
            facts.put("scope", scope);
            if (asked == null || !asked.equals(scope)) {
                r.noted(
                        "consent-service applied an opt-out of scope " + scope
                                + " citing this request, which asked for " + (asked == null ? "no opt-out" : asked)
                                + "; the request stays " + r.status() + ".",
                        facts,
                        source.occurredAt(),
                        now(),
                        source.eventId());
                return true;
            }
            return r.fulfilled(
                    ("SALE_SHARING".equals(scope)
                                    ? "consent-service applied the opt-out of sale and sharing"
                                    : "consent-service applied the limit on the use of sensitive personal information")
                            + " (opt-out " + optOutId + ").",
                    facts,
                    source.occurredAt(),
                    now(),
                    source.eventId());
        });
    }

    /** The consent-events scope that carries out a request of this type, or null when none does. */
    static String scopeOf(RequestType type) {
        return switch (type) {
            case OPT_OUT -> "SALE_SHARING";
            case LIMIT -> "LIMIT_SENSITIVE";
            default -> null;
        };
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void verificationIssued(UUID accountId, VerificationIssued report, EventOrigin source) {
        change(
                accountId,
                report.requestId(),
                source,
                "verification-issued",
                r -> r.verificationIssued(
                        report.jobId(),
                        report.chatCount(),
                        report.ticketCount(),
                        report.expiresAt(),
                        source.occurredAt(),
                        now(),
                        source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void jobLocked(UUID accountId, JobLocked report, EventOrigin source) {
        change(
                accountId,
                report.requestId(),
                source,
                "job-locked",
                r -> r.jobLocked(
                        report.jobId(), report.failedAttempts(), source.occurredAt(), now(), source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void jobExpired(UUID accountId, JobExpired report, EventOrigin source) {
        change(
                accountId,
                report.requestId(),
                source,
                "job-expired",
                r -> r.jobExpired(report.jobId(), source.occurredAt(), now(), source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeCompleted(UUID accountId, PurgeCompleted report, EventOrigin source) {
        change(
                accountId,
                report.requestId(),
                source,
                "purge-completed",
                r -> r.purgeCompleted(
                        report.jobId(),
                        report.receiptId(),
                        report.chatsDeleted(),
                        report.ticketsDeleted(),
                        report.chatsSkippedLegalHold(),
                        report.ticketsSkippedLegalHold(),
                        source.occurredAt(),
                        now(),
                        source.eventId()));
    }

    /**
     * notification-service delivered a mail about a request. The mail carrying an ACCESS request's copy
     * ({@code ACCESS_EXPORT}) is one half of that request's fulfilment; {@link #exportReady} is the other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void notificationSent(UUID accountId, NotificationOutcome report, EventOrigin source) {
        UUID notificationId = report.notificationId();
        String template = report.template();
        int attempts = report.attempts();
        change(accountId, report.requestId(), source, "notification-sent", r -> {
            r.notificationSent(notificationId, template, attempts, source.occurredAt(), now(), source.eventId());
            if (ACCESS_EXPORT.equals(template)) {
                r.exportSent(notificationId, source.occurredAt(), now(), source.eventId());
            }
            return true;
        });
    }

    /**
     * deletion-service prepared the copy an ACCESS request asked for: recorded with its counts; the
     * request is fulfilled once the mail carrying it was delivered too (either may be reported first).
     * An export reported for a request of another type is only noted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void exportReady(UUID accountId, ExportReady report, EventOrigin source) {
        UUID exportId = report.exportId();
        change(accountId, report.requestId(), source, "export-ready", r -> {
            if (r.type() != RequestType.ACCESS) {
                return noteMismatch(r, "an export (" + exportId + ")", Map.of("exportId", exportId.toString()), source);
            }
            return r.exportReady(
                    exportId,
                    report.chatCount(),
                    report.ticketCount(),
                    report.expiresAt(),
                    source.occurredAt(),
                    now(),
                    source.eventId());
        });
    }

    /**
     * deletion-service applied a CORRECT request's correction: the request is fulfilled, recording the
     * field and the counts (never the value). A correction reported for another type is only noted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void correctionApplied(UUID accountId, CorrectionApplied counts, EventOrigin source) {
        UUID correctionId = counts.correctionId();
        String field = counts.field();
        change(accountId, counts.requestId(), source, "correction-applied", r -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("correctionId", correctionId.toString());
            facts.put("field", field);
            facts.put("chatsMatched", counts.chatsMatched());
            facts.put("ticketsMatched", counts.ticketsMatched());
            facts.put("chatsCorrected", counts.chatsCorrected());
            facts.put("ticketsCorrected", counts.ticketsCorrected());
            if (r.type() != RequestType.CORRECT) {
                return noteMismatch(r, "a correction (" + correctionId + ")", facts, source);
            }
            long matched = counts.chatsMatched() + counts.ticketsMatched();
            long corrected = counts.chatsCorrected() + counts.ticketsCorrected();
            return r.fulfilled(
                    "deletion-service corrected the " + describeField(field) + " on " + counts.chatsCorrected()
                            + " chat(s) and " + counts.ticketsCorrected() + " ticket(s)"
                            + (matched > corrected
                                    ? " of the " + counts.chatsMatched() + " chat(s) and " + counts.ticketsMatched()
                                            + " ticket(s) that matched the consumer (the others held the value"
                                            + " already)"
                                    : "")
                            + " (correction " + correctionId + ").",
                    facts,
                    source.occurredAt(),
                    now(),
                    source.eventId());
        });
    }

    /**
     * deletion-service found nothing of the consumer's to apply a correction to: the request cannot be
     * verified and is declined ({@code CANNOT_VERIFY}, with a note built from the report's {@code detail}),
     * announced as an owner's decline would be. Every reason is treated like {@code NO_MATCHING_DATA}, the
     * only one defined. A report about a request already final changes nothing; one about a request of
     * another type is only noted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void correctionRejected(UUID accountId, CorrectionRejected report, EventOrigin source) {
        String field = report.field();
        String reason = report.reason();
        String detail = report.detail();
        change(accountId, report.requestId(), source, "correction-rejected", r -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("rejection", reason == null ? "NO_MATCHING_DATA" : reason);
            if (field != null) {
                facts.put("field", field);
            }
            if (r.type() != RequestType.CORRECT) {
                return noteMismatch(r, "a rejected correction", facts, source);
            }
            return r.unverified(rejectionNote(detail), facts, source.occurredAt(), now(), source.eventId());
        });
    }

    /** The decline note for a correction the vault could not match: its own words, within the note's size. */
    static String rejectionNote(String detail) {
        String note = "The correction could not be verified against the data held: "
                + (detail == null || detail.isBlank()
                        ? "no chat or ticket of this account matches the consumer's identifiers."
                        : detail.strip());
        return note.length() <= MAX_NOTE ? note : note.substring(0, MAX_NOTE - 1) + "…";
    }

    private boolean noteMismatch(RightsRequest r, String what, Map<String, Object> facts, EventOrigin source) {
        r.noted(
                "deletion-service reported " + what + " for this " + r.type() + " request; the request stays "
                        + r.status() + ".",
                facts,
                source.occurredAt(),
                now(),
                source.eventId());
        return true;
    }

    private static String describeField(String field) {
        return switch (field) {
            case "EMAIL" -> "email address";
            case "NAME" -> "name";
            default -> field;
        };
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notificationFailed(UUID accountId, NotificationOutcome report, EventOrigin source) {
        change(accountId, report.requestId(), source, "notification-failed", r -> {
            r.notificationFailed(
                    report.notificationId(),
                    report.template(),
                    report.attempts(),
                    report.reasonOrUnknown(),
                    report.willRetry(),
                    source.occurredAt(),
                    now(),
                    source.eventId());
            return true;
        });
    }

    private void change(
            UUID accountId, UUID requestId, EventOrigin source, String what, Predicate<RightsRequest> change) {
        RightsRequest request = requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> new PoisonEventException("event " + source.eventId() + " (" + what
                        + ") names request " + requestId + ", which account " + accountId + " does not have"));
        RequestStatus before = request.status();
        if (change.test(request)) {
            LOG.infof("Request %s: %s, %s -> %s", requestId, what, before, request.status());
            if (before != RequestStatus.COMPLETED && request.status() == RequestStatus.COMPLETED) {
                announceCompletion(request);
            }
            if (before != RequestStatus.DECLINED && request.status() == RequestStatus.DECLINED) {
                announceDecline(request);
            }
        } else {
            LOG.infof("Request %s: %s ignored, the request is %s", requestId, what, before);
        }
    }

    /** Announces a completion; notification-service sends the consumer the completion notice. */
    private void announceCompletion(RightsRequest request) {
        outbox.publish(new RequestCompletedEvent(
                request.id(),
                request.accountId(),
                request.type().name(),
                request.scope().tag(),
                request.consumerEmail(),
                outcome(request),
                request.receivedAt(),
                request.closedAt()));
    }

    /**
     * Announces a decline made on another service's report (as {@code RightsRequestService#decline} does for
     * an owner's); notification-service sends the consumer the decline notice.
     */
    private void announceDecline(RightsRequest request) {
        outbox.publish(new RequestDeclinedEvent(
                request.id(),
                request.accountId(),
                request.type().name(),
                request.scope().tag(),
                request.consumerEmail(),
                request.decline().declineReason().name(),
                request.decline().declineNote(),
                request.decline().declinedBy(),
                request.closedAt()));
    }

    private static String outcome(RightsRequest request) {
        return switch (request.type()) {
            case DELETE -> "The personal information the request covered was deleted.";
            case OPT_OUT -> "The personal information is no longer sold or shared.";
            case LIMIT -> "The use of sensitive personal information is limited as asked.";
            case ACCESS -> "A copy of the personal information was sent.";
            case CORRECT -> "The personal information was corrected.";
        };
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
