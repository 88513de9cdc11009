package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.domain.AppealDecision;
import io.chatprivacy.request.domain.AppealRefusedException;
import io.chatprivacy.request.domain.ClockRules;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.chatprivacy.request.events.RequestAppealDecidedEvent;
import io.chatprivacy.request.events.RequestAppealReceivedEvent;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The consumer's appeal of a declined request, where the request's jurisdiction grants one: received within the
 * pack's window (counted from the decline), due by the pack's appeal clock, decided by the owner; each step is
 * recorded in the timeline and announced on {@code request-events} in the same transaction.
 */
@ApplicationScoped
public class AppealService {

    private static final Logger LOG = Logger.getLogger(AppealService.class);

    private final RightsRequestRepository requests;
    private final Outbox outbox;
    private final Clock clock;
    private final StatutoryClock statutoryClock;
    private final JurisdictionPacks packs;

    AppealService(
            RightsRequestRepository requests,
            Outbox outbox,
            Clock clock,
            StatutoryClock statutoryClock,
            JurisdictionPacks packs) {
        this.requests = requests;
        this.outbox = outbox;
        this.clock = clock;
        this.statutoryClock = statutoryClock;
        this.packs = packs;
    }

    /**
     * Records the consumer's appeal of a declined request and announces it.
     *
     * @throws ProblemException 404 for no such request in the account; 422 when the jurisdiction grants no appeal
     *     or the window has passed; 409 when the request is not declined or was appealed already
     */
    @Transactional
    public RightsRequest appeal(UUID accountId, UUID requestId, String statement, String by) {
        RightsRequest request = find(accountId, requestId);
        JurisdictionPack pack = packs.of(request.jurisdiction());
        if (!pack.hasAppeal()) {
            throw refused(
                    new AppealRefusedException(AppealRefusedException.Refusal.NO_APPEAL_IN_JURISDICTION), pack, null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant declinedAt = request.declinedAt();
        Instant windowEndsAt = declinedAt == null
                ? null
                : statutoryClock.plus(
                        declinedAt, new ClockRules.Period(pack.appeal().windowDays(), ClockRules.DayCount.CALENDAR));
        JurisdictionPack.Deadline decision = pack.appeal().decision();
        Instant dueAt = statutoryClock.plus(now, new ClockRules.Period(decision.days(), decision.count()));
        try {
            request.appeal(statement, by, now, windowEndsAt == null ? now : windowEndsAt, dueAt);
        } catch (AppealRefusedException e) {
            throw refused(e, pack, windowEndsAt);
        }
        outbox.publish(new RequestAppealReceivedEvent(
                request.id(),
                accountId,
                request.type().name(),
                request.jurisdiction(),
                request.scope().tag(),
                request.consumerEmail(),
                by,
                now,
                dueAt));
        LOG.infof("Appeal received on request %s of account %s, due %s", request.id(), accountId, dueAt);
        request.timeline().size();
        return request;
    }

    /**
     * The owner decides the appeal and the decision is announced; a reversal opens the request again.
     *
     * @throws ProblemException 404 for no such request in the account; 409 when it has no appeal, or it was decided
     */
    @Transactional
    public RightsRequest decide(
            UUID accountId, UUID requestId, AppealDecision decision, String explanation, String by) {
        RightsRequest request = find(accountId, requestId);
        JurisdictionPack pack = packs.of(request.jurisdiction());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            request.decideAppeal(decision, explanation, by, now);
        } catch (AppealRefusedException e) {
            throw refused(e, pack, null);
        }
        outbox.publish(new RequestAppealDecidedEvent(
                request.id(),
                accountId,
                request.type().name(),
                request.jurisdiction(),
                request.scope().tag(),
                request.consumerEmail(),
                decision.name(),
                request.appeal().appealExplanation(),
                decision == AppealDecision.UPHELD && pack.hasAppeal()
                        ? pack.appeal().attorneyGeneralContact()
                        : null,
                pack.hasAppeal() ? pack.appeal().citation() : null,
                by,
                now,
                request.appeal().appealDueAt()));
        LOG.infof("Appeal on request %s of account %s decided: %s", request.id(), accountId, decision);
        request.timeline().size();
        return request;
    }

    private RightsRequest find(UUID accountId, UUID requestId) {
        return requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("No rights request " + requestId + " in this account."));
    }

    private static ProblemException refused(AppealRefusedException e, JurisdictionPack pack, Instant windowEndsAt) {
        return switch (e.refusal()) {
            case NO_APPEAL_IN_JURISDICTION ->
                ProblemException.unprocessable(
                        "appeal-not-available",
                        pack.name() + " (" + pack.law() + ") grants no appeal of a denied request.",
                        new Problem.Violation("jurisdiction", "grants no appeal"));
            case NOT_DECLINED ->
                ProblemException.conflict(
                        "request-not-declined", "Only a declined request can be appealed; this one is not declined.");
            case WINDOW_PASSED ->
                ProblemException.unprocessable(
                        "appeal-window-passed",
                        "The window to appeal this decline ended at " + windowEndsAt + " ("
                                + pack.appeal().windowDays() + " days from the decline).");
            case ALREADY_APPEALED ->
                ProblemException.conflict("already-appealed", "This request was appealed already; one appeal is kept.");
            case NO_APPEAL -> ProblemException.conflict("no-appeal", "This request has no appeal to decide.");
            case ALREADY_DECIDED ->
                ProblemException.conflict("appeal-already-decided", "The appeal on this request was decided already.");
        };
    }
}
