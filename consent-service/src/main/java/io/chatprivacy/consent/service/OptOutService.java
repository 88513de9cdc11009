package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.OptInBy;
import io.chatprivacy.consent.domain.OptOutPlan;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.domain.Pseudonyms;
import io.chatprivacy.consent.domain.SaleSharing;
import io.chatprivacy.consent.events.ConsentOptedInEvent;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.platform.ids.Ids;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opt-outs of sale/sharing and limits on sensitive data: from the widget (an explicit request or the
 * GPC signal) and from rights requests. None needs verification or any extra data; each is a new
 * ledger row and a {@code consent.opted-out.v1} event. Also minors (Cal. Civ. Code §1798.120(c), (d)):
 * a visitor known to be under 16 is treated as opted out (source {@code MINOR}) until their own opt-in
 * (13 to 15) or a parent's verified authorization recorded by an owner (under 13), each a new row and a
 * {@code consent.opted-in.v1}; any opt-out wins over an opt-in ({@link SaleSharing}).
 */
@ApplicationScoped
public class OptOutService {

    /**
     * Whether a visitor is opted out, per scope, and since when (null: not opted out), and whether their personal
     * information may be sold or shared (which also depends on their age and opt-ins).
     */
    public record Status(
            String visitorId,
            Instant saleSharingOptedOutAt,
            Instant sensitiveLimitedAt,
            SaleSharing.Decision saleSharing) {

        public boolean optedOut() {
            return saleSharingOptedOutAt != null;
        }

        public boolean sensitiveLimited() {
            return sensitiveLimitedAt != null;
        }
    }

    private final LedgerRepository ledger;
    private final LedgerWriter writer;
    private final Outbox outbox;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    OptOutService(LedgerRepository ledger, LedgerWriter writer, Outbox outbox, Pseudonyms pseudonyms, Clock clock) {
        this.ledger = ledger;
        this.writer = writer;
        this.outbox = outbox;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** The visitor opts out from the widget (GPC or a click); recorded once, repeated calls change nothing. */
    public Status optOutFromWidget(
            UUID accountId, String visitorId, String email, boolean gpc, String userAgent, String clientAddress) {
        return recordFromWidget(
                accountId, visitorId, email, gpc, userAgent, clientAddress, OptOuts.requested(gpc, true), null);
    }

    /**
     * The visitor limits the use of their sensitive personal information from the widget (a click);
     * recorded once, repeated calls change nothing. A GPC signal sent along is honoured as well.
     */
    public Status limitFromWidget(
            UUID accountId, String visitorId, String email, boolean gpc, String userAgent, String clientAddress) {
        Map<OptOutScope, OptOutSource> requested = new EnumMap<>(OptOutScope.class);
        requested.putAll(OptOuts.requested(gpc, false));
        requested.put(OptOutScope.LIMIT_SENSITIVE, OptOutSource.WIDGET);
        return recordFromWidget(accountId, visitorId, email, gpc, userAgent, clientAddress, requested, null);
    }

    /**
     * The widget reports the visitor's age band. A band under 16 younger than any known is recorded (an opt-out of
     * source {@code MINOR}: the visitor is treated as opted out until an opt-in); anything else adds nothing. A GPC
     * signal sent along is honoured as well.
     */
    public Status ageFromWidget(
            UUID accountId,
            String visitorId,
            String email,
            AgeBand band,
            boolean gpc,
            String userAgent,
            String clientAddress) {
        return recordFromWidget(
                accountId, visitorId, email, gpc, userAgent, clientAddress, OptOuts.requested(gpc, false), band);
    }

    /** An agent or owner records what the business learnt of a visitor's age (e.g. told in a chat). */
    public Status ageFromAgent(UUID accountId, String visitorId, AgeBand band, String actor) {
        List<SaleSharing.Row> rows = ledger.saleSharingRows(accountId, visitorId);
        if (SaleSharing.recordsAge(band, rows)) {
            OptOuts.Writes writes = OptOuts.Writes.empty();
            OptOuts.addMinor(writes, accountId, visitorId, null, band, actor, false, null, null, now());
            writer.write(writes.entries(), writes.events());
        }
        return status(accountId, visitorId);
    }

    /**
     * The visitor's own opt-in to sale/sharing, from the widget: recorded only for a visitor known to be 13 to 15
     * who has not opted out, and never with a GPC signal (which opts out). Repeats add nothing.
     */
    public Status optInFromWidget(
            UUID accountId, String visitorId, boolean gpc, String userAgent, String clientAddress) {
        return optIn(accountId, visitorId, OptInBy.VISITOR, null, null, gpc, userAgent, clientAddress);
    }

    /**
     * A parent's or guardian's authorization of the sale/sharing of a visitor under 13, which the business verified
     * (11 CCR §7070) by {@code verificationMethod}, recorded by an owner ({@code actor}). Repeats add nothing.
     */
    public Status parentalAuthorization(UUID accountId, String visitorId, String actor, String verificationMethod) {
        return optIn(accountId, visitorId, OptInBy.PARENT, actor, verificationMethod, false, null, null);
    }

    private Status optIn(
            UUID accountId,
            String visitorId,
            OptInBy by,
            String actor,
            String verificationMethod,
            boolean gpc,
            String userAgent,
            String clientAddress) {
        SaleSharing.Decision current = SaleSharing.decide(ledger.saleSharingRows(accountId, visitorId));
        SaleSharing.refusal(current, by, gpc).ifPresent(refusal -> {
            throw problem(refusal);
        });
        if (!SaleSharing.alreadyOptedIn(current, by)) {
            Instant at = now();
            UUID id = Ids.timeOrdered(at.toEpochMilli());
            LedgerEntry entry = LedgerEntry.optIn(
                    id,
                    accountId,
                    visitorId,
                    current.ageBand(),
                    by,
                    actor,
                    verificationMethod,
                    userAgent,
                    clientAddress == null ? null : pseudonyms.ip(clientAddress),
                    at);
            writer.write(
                    List.of(entry),
                    List.of(new ConsentOptedInEvent(
                            id,
                            accountId,
                            visitorId,
                            OptOutScope.SALE_SHARING.name(),
                            current.ageBand().wire(),
                            by.name(),
                            at)));
        }
        return status(accountId, visitorId);
    }

    private static ProblemException problem(SaleSharing.Refusal refusal) {
        return switch (refusal.kind()) {
            case FORBIDDEN ->
                new ProblemException(Problem.of(refusal.slug(), "Forbidden", 403, refusal.detail(), List.of()));
            case CONFLICT -> ProblemException.conflict(refusal.slug(), refusal.detail());
            case UNPROCESSABLE -> ProblemException.unprocessable(refusal.slug(), refusal.detail());
        };
    }

    private Status recordFromWidget(
            UUID accountId,
            String visitorId,
            String email,
            boolean gpc,
            String userAgent,
            String clientAddress,
            Map<OptOutScope, OptOutSource> requested,
            AgeBand age) {
        String emailHmac = email == null ? null : pseudonyms.email(email);
        List<OptOutPlan.Existing> existing = ledger.optOuts(accountId, visitorId, emailHmac);
        List<OptOutPlan.Addition> additions = OptOutPlan.plan(visitorId, emailHmac, requested, existing);
        OptOuts.Writes writes = OptOuts.Writes.empty();
        Instant at = now();
        String ipHash = pseudonyms.ip(clientAddress);
        OptOuts.addPlanned(writes, additions, accountId, visitorId, emailHmac, gpc, userAgent, ipHash, at);
        if (age != null && SaleSharing.recordsAge(age, ledger.saleSharingRows(accountId, visitorId))) {
            OptOuts.addMinor(writes, accountId, visitorId, emailHmac, age, null, gpc, userAgent, ipHash, at);
        }
        if (!writes.entries().isEmpty()) {
            writer.write(writes.entries(), writes.events());
        }
        return status(accountId, visitorId);
    }

    /** What the widget shows: is this visitor's opt-out honoured, and may their information be sold or shared. */
    public Status status(UUID accountId, String visitorId) {
        Map<OptOutScope, Instant> since = ledger.optOutStatus(accountId, visitorId);
        return new Status(
                visitorId,
                since.get(OptOutScope.SALE_SHARING),
                since.get(OptOutScope.LIMIT_SENSITIVE),
                SaleSharing.decide(ledger.saleSharingRows(accountId, visitorId)));
    }

    /**
     * Applies an opt-out or limit from a rights request: always a new row carrying the request id,
     * so request-service sees its request answered even when the person had opted out before.
     * Runs in the caller's transaction (the idempotent consumer's).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID applyRequest(UUID accountId, UUID requestId, OptOutScope scope, String visitorId, String email) {
        OptOuts.Writes writes = OptOuts.Writes.empty();
        OptOuts.add(
                writes,
                accountId,
                visitorId,
                email == null ? null : pseudonyms.email(email),
                scope,
                OptOutSource.REQUEST,
                requestId,
                false,
                null,
                null,
                now());
        ledger.append(writes.entries());
        writes.events().forEach(outbox::publish);
        return writes.entries().get(0).id();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
