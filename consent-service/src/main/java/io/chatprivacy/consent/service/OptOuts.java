package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.OptOutPlan;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.events.ConsentEvent;
import io.chatprivacy.consent.events.ConsentOptedOutEvent;
import io.chatprivacy.platform.ids.Ids;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Turns an opt-out plan into ledger rows and their events (used by every path that records opt-outs). */
final class OptOuts {

    /** Rows and events to write together. */
    record Writes(List<LedgerEntry> entries, List<ConsentEvent> events) {

        static Writes empty() {
            return new Writes(new ArrayList<>(), new ArrayList<>());
        }
    }

    private OptOuts() {}

    static void add(
            Writes writes,
            UUID accountId,
            String visitorId,
            String emailHmac,
            OptOutScope scope,
            OptOutSource source,
            UUID requestId,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        UUID id = Ids.timeOrdered(at.toEpochMilli());
        writes.entries()
                .add(LedgerEntry.optOut(
                        id, accountId, visitorId, emailHmac, scope, source, requestId, gpc, userAgent, ipHash, at));
        writes.events()
                .add(new ConsentOptedOutEvent(
                        id, accountId, visitorId, scope.name(), source.name(), requestId, at, null));
    }

    static void addPlanned(
            Writes writes,
            List<OptOutPlan.Addition> additions,
            UUID accountId,
            String visitorId,
            String emailHmac,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        for (OptOutPlan.Addition addition : additions) {
            add(
                    writes,
                    accountId,
                    visitorId,
                    emailHmac,
                    addition.scope(),
                    addition.source(),
                    null,
                    gpc,
                    userAgent,
                    ipHash,
                    at);
        }
    }

    /** A visitor known to be under 16: the row that treats them as opted out of sale/sharing, and its event. */
    static void addMinor(
            Writes writes,
            UUID accountId,
            String visitorId,
            String emailHmac,
            AgeBand band,
            String actor,
            boolean gpc,
            String userAgent,
            String ipHash,
            Instant at) {
        UUID id = Ids.timeOrdered(at.toEpochMilli());
        writes.entries()
                .add(LedgerEntry.minor(id, accountId, visitorId, emailHmac, band, actor, gpc, userAgent, ipHash, at));
        writes.events()
                .add(new ConsentOptedOutEvent(
                        id,
                        accountId,
                        visitorId,
                        OptOutScope.SALE_SHARING.name(),
                        OptOutSource.MINOR.name(),
                        null,
                        at,
                        band.wire()));
    }

    /** What a widget call asks for: GPC or an explicit request means an opt-out of sale/sharing. */
    static Map<OptOutScope, OptOutSource> requested(boolean gpc, boolean explicit) {
        if (gpc) {
            return Map.of(OptOutScope.SALE_SHARING, OptOutSource.GPC);
        }
        if (explicit) {
            return Map.of(OptOutScope.SALE_SHARING, OptOutSource.WIDGET);
        }
        return Map.of();
    }
}
