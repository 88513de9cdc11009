package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.outbox.OutboxEvent;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestClosedException;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.messaging.outbound.RequestDeclinedEvent;
import io.chatprivacy.request.messaging.outbound.RequestEvent;
import io.chatprivacy.request.messaging.outbound.RequestOpenedEvent;
import io.chatprivacy.request.persistence.AccountRepository;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Opens, reads and declines rights requests, announcing each change on {@code request-events}. */
@ApplicationScoped
public class RightsRequestService {

    private static final Logger LOG = Logger.getLogger(RightsRequestService.class);

    /** What to open: the type, how it arrived and its scope (a tag, or a data subject). */
    public record Opening(
            RequestType type, RequestChannel channel, String tag, String subjectEmail, String subjectVisitorId) {}

    private final RightsRequestRepository requests;
    private final AccountRepository accounts;
    private final Outbox outbox;
    private final Clock clock;
    private final StatutoryClock statutoryClock = new StatutoryClock();

    RightsRequestService(RightsRequestRepository requests, AccountRepository accounts, Outbox outbox, Clock clock) {
        this.requests = requests;
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * Opens a request for a registered account and announces it.
     *
     * @throws ProblemException 404 for an unknown account, 422 for a type not handled yet
     */
    @Transactional
    public RightsRequest open(UUID accountId, Opening opening, String openedBy) {
        if (accounts.findByIdOptional(accountId).isEmpty()) {
            throw ProblemException.notFound("No account " + accountId + ".");
        }
        if (opening.type() != RequestType.DELETE) {
            throw ProblemException.unprocessable(
                    "request-type-not-supported",
                    "Only DELETE requests can be opened so far.",
                    new Problem.Violation("type", "must be DELETE"));
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String subjectEmail = opening.subjectEmail() == null
                ? null
                : opening.subjectEmail().strip().toLowerCase(Locale.ROOT);
        RightsRequest request = RightsRequest.open(
                UUID.randomUUID(),
                accountId,
                opening.type(),
                opening.channel(),
                opening.tag(),
                subjectEmail,
                opening.subjectVisitorId(),
                openedBy,
                now,
                statutoryClock.deadlines(now));
        requests.persist(request);
        publish(
                RequestOpenedEvent.TYPE,
                new RequestOpenedEvent(
                        request.id(),
                        accountId,
                        request.type().name(),
                        request.tag(),
                        request.subjectEmail(),
                        request.subjectVisitorId(),
                        request.channel().name(),
                        request.openedBy(),
                        request.receivedAt(),
                        request.acknowledgeBy(),
                        request.dueAt()));
        LOG.infof("Opened %s request %s for account %s", request.type(), request.id(), accountId);
        return request;
    }

    /** A request of the account, with its timeline loaded. */
    @Transactional
    public RightsRequest get(UUID accountId, UUID requestId) {
        RightsRequest request = requests.findInAccount(accountId, requestId)
                .orElseThrow(() -> ProblemException.notFound("No rights request " + requestId + " in this account."));
        request.timeline().size();
        return request;
    }

    /** The account's requests, newest first. */
    @Transactional
    public List<RightsRequest> list(UUID accountId, RequestStatus status, int limit) {
        return requests.list(accountId, status, limit);
    }

    /**
     * Declines a request and announces it.
     *
     * @throws ProblemException 404 for a request of no such id in the account, 409 when it is already
     *     completed or declined
     */
    @Transactional
    public RightsRequest decline(UUID accountId, UUID requestId, DeclineReason reason, String note, String by) {
        RightsRequest request = requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("No rights request " + requestId + " in this account."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            request.decline(reason, note, by, now);
        } catch (RequestClosedException e) {
            throw ProblemException.conflict(
                    "request-closed", "This request is already " + e.status() + "; its outcome can no longer change.");
        }
        publish(
                RequestDeclinedEvent.TYPE,
                new RequestDeclinedEvent(
                        request.id(),
                        accountId,
                        request.type().name(),
                        request.tag(),
                        request.subjectEmail(),
                        reason.name(),
                        note,
                        by,
                        now));
        LOG.infof("Declined request %s of account %s (%s)", request.id(), accountId, reason);
        request.timeline().size();
        return request;
    }

    private void publish(String type, RequestEvent event) {
        outbox.publish(OutboxEvent.of(
                RequestEvent.TOPIC, type, event.accountId(), event.requestId().toString(), event));
    }
}
