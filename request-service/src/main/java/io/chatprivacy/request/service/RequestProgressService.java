package io.chatprivacy.request.service;

import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * Moves rights requests along as deletion-service and notification-service report progress. Each
 * method runs in the consuming event's transaction and locks the request, so an owner's decline and
 * an event about the same request apply one after the other.
 */
@ApplicationScoped
public class RequestProgressService {

    private static final Logger LOG = Logger.getLogger(RequestProgressService.class);

    /** Where an event about a request came from, for the timeline. */
    public record Source(String eventId, Instant occurredAt) {}

    private final RightsRequestRepository requests;
    private final Clock clock;

    RequestProgressService(RightsRequestRepository requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void verificationIssued(
            UUID accountId,
            UUID requestId,
            UUID jobId,
            long chatCount,
            long ticketCount,
            Instant expiresAt,
            Source source) {
        change(
                accountId,
                requestId,
                source,
                "verification-issued",
                r -> r.verificationIssued(
                        jobId, chatCount, ticketCount, expiresAt, source.occurredAt(), now(), source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void jobLocked(UUID accountId, UUID requestId, UUID jobId, int failedAttempts, Source source) {
        change(
                accountId,
                requestId,
                source,
                "job-locked",
                r -> r.jobLocked(jobId, failedAttempts, source.occurredAt(), now(), source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void jobExpired(UUID accountId, UUID requestId, UUID jobId, Source source) {
        change(
                accountId,
                requestId,
                source,
                "job-expired",
                r -> r.jobExpired(jobId, source.occurredAt(), now(), source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void purgeCompleted(
            UUID accountId,
            UUID requestId,
            UUID jobId,
            UUID receiptId,
            long chatsDeleted,
            long ticketsDeleted,
            long chatsSkippedLegalHold,
            Source source) {
        change(
                accountId,
                requestId,
                source,
                "purge-completed",
                r -> r.purgeCompleted(
                        jobId,
                        receiptId,
                        chatsDeleted,
                        ticketsDeleted,
                        chatsSkippedLegalHold,
                        source.occurredAt(),
                        now(),
                        source.eventId()));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notificationSent(
            UUID accountId, UUID requestId, UUID notificationId, String template, int attempts, Source source) {
        change(accountId, requestId, source, "notification-sent", r -> {
            r.notificationSent(notificationId, template, attempts, source.occurredAt(), now(), source.eventId());
            return true;
        });
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void notificationFailed(
            UUID accountId,
            UUID requestId,
            UUID notificationId,
            String template,
            int attempts,
            String reason,
            boolean willRetry,
            Source source) {
        change(accountId, requestId, source, "notification-failed", r -> {
            r.notificationFailed(
                    notificationId,
                    template,
                    attempts,
                    reason,
                    willRetry,
                    source.occurredAt(),
                    now(),
                    source.eventId());
            return true;
        });
    }

    private void change(UUID accountId, UUID requestId, Source source, String what, Predicate<RightsRequest> change) {
        RightsRequest request = requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> new PoisonEventException("event " + source.eventId() + " (" + what
                        + ") names request " + requestId + ", which account " + accountId + " does not have"));
        RequestStatus before = request.status();
        if (change.test(request)) {
            LOG.infof("Request %s: %s, %s -> %s", requestId, what, before, request.status());
        } else {
            LOG.infof("Request %s: %s ignored, the request is %s", requestId, what, before);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
