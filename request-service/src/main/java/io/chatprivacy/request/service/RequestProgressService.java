package io.chatprivacy.request.service;

import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.outbox.OutboxEvent;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.messaging.outbound.RequestCompletedEvent;
import io.chatprivacy.request.messaging.outbound.RequestEvent;
import io.chatprivacy.request.persistence.RightsRequestRepository;
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
    public void optedOut(UUID accountId, UUID requestId, UUID optOutId, String scope, Source source) {
        change(accountId, requestId, source, "opted-out", r -> {
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
            if (before != RequestStatus.COMPLETED && request.status() == RequestStatus.COMPLETED) {
                announceCompletion(request);
            }
        } else {
            LOG.infof("Request %s: %s ignored, the request is %s", requestId, what, before);
        }
    }

    /** Announces a completion; notification-service sends the consumer the completion notice. */
    private void announceCompletion(RightsRequest request) {
        RequestCompletedEvent event = new RequestCompletedEvent(
                request.id(),
                request.accountId(),
                request.type().name(),
                request.tag(),
                request.subjectEmail(),
                outcome(request),
                request.receivedAt(),
                request.closedAt());
        outbox.publish(OutboxEvent.of(
                RequestEvent.TOPIC,
                RequestCompletedEvent.TYPE,
                request.accountId(),
                request.id().toString(),
                event));
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
