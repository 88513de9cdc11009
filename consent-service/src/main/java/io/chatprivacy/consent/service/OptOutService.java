package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.OptOutPlan;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.domain.Pseudonyms;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.platform.outbox.Outbox;
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
 * ledger row and a {@code consent.opted-out.v1} event.
 */
@ApplicationScoped
public class OptOutService {

    /** Whether a visitor is opted out, per scope, and since when (null: not opted out). */
    public record Status(String visitorId, Instant saleSharingOptedOutAt, Instant sensitiveLimitedAt) {

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
                accountId, visitorId, email, gpc, userAgent, clientAddress, OptOuts.requested(gpc, true));
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
        return recordFromWidget(accountId, visitorId, email, gpc, userAgent, clientAddress, requested);
    }

    private Status recordFromWidget(
            UUID accountId,
            String visitorId,
            String email,
            boolean gpc,
            String userAgent,
            String clientAddress,
            Map<OptOutScope, OptOutSource> requested) {
        String emailHmac = email == null ? null : pseudonyms.email(email);
        List<OptOutPlan.Existing> existing = ledger.optOuts(accountId, visitorId, emailHmac);
        List<OptOutPlan.Addition> additions = OptOutPlan.plan(visitorId, emailHmac, requested, existing);
        if (!additions.isEmpty()) {
            OptOuts.Writes writes = OptOuts.Writes.empty();
            OptOuts.addPlanned(
                    writes,
                    additions,
                    accountId,
                    visitorId,
                    emailHmac,
                    gpc,
                    userAgent,
                    pseudonyms.ip(clientAddress),
                    now());
            writer.write(writes.entries(), writes.events());
        }
        return status(accountId, visitorId);
    }

    /** What the widget shows: is this visitor's opt-out honoured. */
    public Status status(UUID accountId, String visitorId) {
        Map<OptOutScope, Instant> since = ledger.optOutStatus(accountId, visitorId);
        return new Status(visitorId, since.get(OptOutScope.SALE_SHARING), since.get(OptOutScope.LIMIT_SENSITIVE));
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
