package io.chatprivacy.consent.service;

import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.domain.FormDefinition;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.OptOutPlan;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.domain.Pseudonyms;
import io.chatprivacy.consent.domain.PublishedForm;
import io.chatprivacy.consent.domain.SaleSharing;
import io.chatprivacy.consent.events.ConsentGrantedEvent;
import io.chatprivacy.consent.persistence.LedgerRepository;
import io.chatprivacy.platform.ids.Ids;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/**
 * Records a visitor's pre-chat consent: checks it against the form version shown (which must be
 * this account's, with every required consent ticked), then appends the grant, with the hash of each
 * exact text, to the ledger together with its event, and any opt-out the call implies (GPC, or a
 * newly learnt email of an opted-out visitor). Nothing is written unless everything is valid.
 */
@ApplicationScoped
public class ConsentService {

    /** A consent as posted by the widget, after the HTTP layer resolved the account and caller. */
    public record RecordConsent(
            UUID accountId,
            int formVersion,
            String visitorId,
            String email,
            List<String> consentIds,
            boolean gpc,
            boolean optOut,
            String userAgent,
            String clientAddress,
            AgeBand ageBand) {}

    /** The visitor's receipt. */
    public record Receipt(
            UUID receiptId,
            String visitorId,
            int formVersion,
            List<String> consentIds,
            boolean optedOut,
            Instant recordedAt) {}

    private final FormService forms;
    private final LedgerRepository ledger;
    private final LedgerWriter writer;
    private final Pseudonyms pseudonyms;
    private final Clock clock;

    ConsentService(
            FormService forms, LedgerRepository ledger, LedgerWriter writer, Pseudonyms pseudonyms, Clock clock) {
        this.forms = forms;
        this.ledger = ledger;
        this.writer = writer;
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** Records the consent and returns once it is committed. May read the database: call it on a worker. */
    public Receipt record(RecordConsent command) {
        PublishedForm form = forms.version(command.accountId(), command.formVersion())
                .orElseThrow(() -> unknownVersion(command.formVersion()));
        String emailHmac = command.email() == null ? null : pseudonyms.email(command.email());
        List<OptOutPlan.Existing> existing = needsOptOutState(command)
                ? ledger.optOuts(command.accountId(), command.visitorId(), emailHmac)
                : List.of();
        List<SaleSharing.Row> saleRows =
                reportsMinor(command) ? ledger.saleSharingRows(command.accountId(), command.visitorId()) : List.of();
        Prepared prepared = prepare(command, form, emailHmac, existing, saleRows);
        writer.write(prepared.writes().entries(), prepared.writes().events());
        return prepared.receipt();
    }

    /**
     * Records the consent without blocking the calling thread (the event loop), when everything it
     * needs is in memory: the form version is cached and there is no opt-out state to read (no GPC,
     * no opt-out, no email). Returns null otherwise; the caller then uses {@link #record} on a worker.
     * The stage completes, on a writer thread, once the consent is committed.
     */
    public CompletionStage<Receipt> recordWithoutBlocking(RecordConsent command) {
        if (needsOptOutState(command)) {
            return null;
        }
        Optional<PublishedForm> form = forms.cachedVersion(command.accountId(), command.formVersion());
        if (form.isEmpty()) {
            return null;
        }
        Prepared prepared = prepare(command, form.get(), null, List.of(), List.of());
        return writer.submit(prepared.writes().entries(), prepared.writes().events())
                .thenApply(committed -> prepared.receipt());
    }

    /**
     * A GPC signal, an opt-out or an email may add or link opt-outs, and an age under 16 may add a minor's
     * default opt-out, which depends on the ledger.
     */
    private static boolean needsOptOutState(RecordConsent command) {
        return command.gpc() || command.optOut() || command.email() != null || reportsMinor(command);
    }

    private static boolean reportsMinor(RecordConsent command) {
        return command.ageBand() != null && command.ageBand().isMinor();
    }

    private record Prepared(OptOuts.Writes writes, Receipt receipt) {}

    /** Checks the consent against the form and builds its rows and events; writes nothing. */
    private Prepared prepare(
            RecordConsent command,
            PublishedForm form,
            String emailHmac,
            List<OptOutPlan.Existing> existing,
            List<SaleSharing.Row> saleRows) {
        List<FormDefinition.Consent> granted = granted(form, command.consentIds());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String ipHash = pseudonyms.ip(command.clientAddress());
        UUID receiptId = Ids.timeOrdered(now.toEpochMilli());

        OptOuts.Writes writes = OptOuts.Writes.empty();
        writes.entries()
                .add(LedgerEntry.grant(
                        receiptId,
                        command.accountId(),
                        command.visitorId(),
                        emailHmac,
                        form.version(),
                        granted,
                        command.gpc(),
                        command.userAgent(),
                        ipHash,
                        now));
        writes.events()
                .add(new ConsentGrantedEvent(
                        receiptId,
                        command.accountId(),
                        command.visitorId(),
                        form.version(),
                        granted.stream()
                                .map(c -> new ConsentGrantedEvent.GrantedConsent(c.id(), c.textSha256()))
                                .toList(),
                        command.gpc(),
                        now));

        Map<OptOutScope, OptOutSource> requested = OptOuts.requested(command.gpc(), command.optOut());
        List<OptOutPlan.Addition> additions = OptOutPlan.plan(command.visitorId(), emailHmac, requested, existing);
        OptOuts.addPlanned(
                writes,
                additions,
                command.accountId(),
                command.visitorId(),
                emailHmac,
                command.gpc(),
                command.userAgent(),
                ipHash,
                now);
        // the age rides on the consent call, but ticking the chat consent never opts a minor in
        if (SaleSharing.recordsAge(command.ageBand(), saleRows)) {
            OptOuts.addMinor(
                    writes,
                    command.accountId(),
                    command.visitorId(),
                    emailHmac,
                    command.ageBand(),
                    null,
                    command.gpc(),
                    command.userAgent(),
                    ipHash,
                    now);
        }
        boolean optedOut = requested.containsKey(OptOutScope.SALE_SHARING)
                || existing.stream().anyMatch(e -> e.scope() == OptOutScope.SALE_SHARING);
        return new Prepared(
                writes,
                new Receipt(
                        receiptId,
                        command.visitorId(),
                        form.version(),
                        granted.stream().map(FormDefinition.Consent::id).toList(),
                        optedOut,
                        now));
    }

    private static ProblemException unknownVersion(int version) {
        return ProblemException.unprocessable(
                "unknown-form-version",
                "This account has no published form version " + version + ".",
                new Problem.Violation("formVersion", "no such version of this account's form"));
    }

    /** The form's consents the visitor ticked, in form order; 422 naming each unknown or missing one. */
    private static List<FormDefinition.Consent> granted(PublishedForm form, List<String> ticked) {
        Set<String> ids = new LinkedHashSet<>(ticked);
        List<Problem.Violation> unknown = new ArrayList<>();
        for (String id : ids) {
            if (form.definition().consent(id).isEmpty()) {
                unknown.add(new Problem.Violation("consents." + id, "not a consent of form version " + form.version()));
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.unprocessable(
                    "unknown-consent",
                    "The consents name something this form version does not have.",
                    unknown.toArray(Problem.Violation[]::new));
        }
        List<Problem.Violation> missing = new ArrayList<>();
        for (FormDefinition.Consent consent : form.definition().requiredConsents()) {
            if (!ids.contains(consent.id())) {
                missing.add(new Problem.Violation("consents." + consent.id(), "required consent must be ticked"));
            }
        }
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable(
                    "required-consent-missing",
                    "Every required consent must be ticked before a chat can start; nothing was recorded.",
                    missing.toArray(Problem.Violation[]::new));
        }
        return form.definition().consents().stream()
                .filter(c -> ids.contains(c.id()))
                .toList();
    }
}
