package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.Problem;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.config.RequestConfig;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.ExportRefusedException;
import io.chatprivacy.request.domain.ExtensionRefusedException;
import io.chatprivacy.request.domain.Intake;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestClosedException;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.Scope;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPacks;
import io.chatprivacy.request.events.RequestDeclinedEvent;
import io.chatprivacy.request.events.RequestExportRequestedEvent;
import io.chatprivacy.request.events.RequestExtendedEvent;
import io.chatprivacy.request.events.RequestOpenedEvent;
import io.chatprivacy.request.persistence.AccountRepository;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Opens, reads and declines rights requests, announcing each change on {@code request-events}. */
@ApplicationScoped
public class RightsRequestService {

    private static final Logger LOG = Logger.getLogger(RightsRequestService.class);

    /**
     * What to open: the type, how it arrived, its scope (a tag, or a data subject), what else it records,
     * when it was received ({@code receivedAt}; null means now) and in which jurisdiction ({@code jurisdiction},
     * a pack's code; null means {@code request.default-jurisdiction}).
     */
    public record Opening(
            RequestType type,
            RequestChannel channel,
            String tag,
            String subjectEmail,
            String subjectVisitorId,
            Intake intake,
            Instant receivedAt,
            String jurisdiction) {

        public Opening(
                RequestType type,
                RequestChannel channel,
                String tag,
                String subjectEmail,
                String subjectVisitorId,
                Intake intake,
                Instant receivedAt) {
            this(type, channel, tag, subjectEmail, subjectVisitorId, intake, receivedAt, null);
        }

        public Opening(
                RequestType type, RequestChannel channel, String tag, String subjectEmail, String subjectVisitorId) {
            this(type, channel, tag, subjectEmail, subjectVisitorId, Intake.NONE);
        }

        public Opening(
                RequestType type,
                RequestChannel channel,
                String tag,
                String subjectEmail,
                String subjectVisitorId,
                Intake intake) {
            this(type, channel, tag, subjectEmail, subjectVisitorId, intake, null);
        }
    }

    /** How far ahead of this service's clock a given receipt time may be: the agent's clock may run fast. */
    static final Duration RECEIPT_SKEW = Duration.ofMinutes(5);

    /** The request opened, or the open one an identical request was linked to ({@code duplicate}). */
    public record Opened(RightsRequest request, boolean duplicate) {}

    private final RightsRequestRepository requests;
    private final AccountRepository accounts;
    private final Outbox outbox;
    private final Clock clock;
    private final StatutoryClock statutoryClock;
    private final RequestConfig config;
    private final JurisdictionPacks packs;

    RightsRequestService(
            RightsRequestRepository requests,
            AccountRepository accounts,
            Outbox outbox,
            Clock clock,
            StatutoryClock statutoryClock,
            RequestConfig config,
            JurisdictionPacks packs) {
        this.requests = requests;
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
        this.statutoryClock = statutoryClock;
        this.config = config;
        this.packs = packs;
    }

    /**
     * Opens a request for a registered account and announces it; the consumer's receipt confirmation
     * follows from the announcement. A second request of the same type from the same consumer while the
     * first is open is linked to the first (a timeline entry) instead of being opened twice. The statutory
     * dates count from the time the request was received, which an agent logging a request that came by
     * mail or phone gives; it defaults to now.
     *
     * @throws ProblemException 400 for a receipt time in the future (beyond a few minutes of clock skew) or
     *     older than the records' retention period; 404 for an unknown account; 422 for a jurisdiction without a
     *     pack, or a right the jurisdiction does not grant
     */
    @Transactional
    public Opened open(UUID accountId, Opening opening, String openedBy) {
        return open(accountId, opening, openedBy, null);
    }

    /**
     * What a request made in the privacy center carries beyond an opening: the id it will have if it is new
     * (its status token is sealed for that id) and the sealed token for the receipt mail's status link.
     */
    public record StatusLink(UUID requestId, String sealedStatusToken) {}

    /** {@link #open(UUID, Opening, String)}, for a new request with the given id and status link (or none). */
    @Transactional
    public Opened open(UUID accountId, Opening opening, String openedBy, StatusLink link) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant receivedAt = receivedAt(opening.receivedAt(), now);
        JurisdictionPack pack = packFor(opening);
        if (accounts.findByIdOptional(accountId).isEmpty()) {
            throw ProblemException.notFound("No account " + accountId + ".");
        }
        String subjectEmail = opening.subjectEmail() == null
                ? null
                : opening.subjectEmail().strip().toLowerCase(Locale.ROOT);
        // openings that may be the same consumer's run one after the other, so two identical requests cannot
        // both be new; the open one found is row-locked, so its timeline entry is numbered after the consumers'
        requests.lockSubject(accountId, opening.type(), subjectEmail, opening.subjectVisitorId());
        Optional<RightsRequest> first =
                requests.findOpenDuplicate(accountId, opening.type(), subjectEmail, opening.subjectVisitorId());
        if (first.isPresent()) {
            RightsRequest existing = first.get();
            existing.duplicateReceived(opening.channel(), openedBy, now);
            LOG.infof(
                    "Linked a repeated %s request to request %s of account %s",
                    opening.type(), existing.id(), accountId);
            existing.timeline().size();
            return new Opened(existing, true);
        }
        RightsRequest request = RightsRequest.open(new RightsRequest.Opening(
                link == null ? UUID.randomUUID() : link.requestId(),
                accountId,
                opening.type(),
                opening.channel(),
                Scope.of(opening.tag(), subjectEmail, opening.subjectVisitorId()),
                opening.intake(),
                openedBy,
                receivedAt,
                now,
                statutoryClock.deadlines(pack.clockRules(), opening.type(), receivedAt),
                pack.code()));
        requests.persist(request);
        outbox.publish(new RequestOpenedEvent(
                request.id(),
                accountId,
                request.type().name(),
                request.scope().tag(),
                request.scope().subjectEmail(),
                request.scope().subjectVisitorId(),
                request.channel().name(),
                request.openedBy(),
                request.receivedAt(),
                request.acknowledgeBy(),
                request.dueAt(),
                request.intake().correctionField() == null
                        ? null
                        : new RequestOpenedEvent.Correction(
                                request.intake().correctionField().name(),
                                request.intake().correctionValue()),
                link == null ? null : link.sealedStatusToken(),
                request.jurisdiction()));
        LOG.infof("Opened %s request %s for account %s", request.type(), request.id(), accountId);
        return new Opened(request, false);
    }

    /**
     * The pack of the opening's jurisdiction (the default one when it names none), which must grant the right
     * asked for.
     */
    private JurisdictionPack packFor(Opening opening) {
        return pack(opening.jurisdiction(), opening.type());
    }

    /**
     * The pack of a jurisdiction (null: the default one) that must grant the right {@code type}.
     *
     * @throws ProblemException 422 {@code unknown-jurisdiction} naming {@code jurisdiction}, or {@code
     *     right-not-granted} naming {@code type}
     */
    public JurisdictionPack pack(String jurisdiction, RequestType type) {
        if (jurisdiction == null) {
            return grantingPack(packs.defaultPack(), type);
        }
        JurisdictionPack pack = packs.find(jurisdiction.strip())
                .orElseThrow(() -> ProblemException.unprocessable(
                        "unknown-jurisdiction",
                        "There is no rule pack for jurisdiction " + jurisdiction.strip() + ".",
                        new Problem.Violation(
                                "jurisdiction",
                                "must be one of "
                                        + packs.all().stream()
                                                .map(JurisdictionPack::code)
                                                .toList())));
        return grantingPack(pack, type);
    }

    private static JurisdictionPack grantingPack(JurisdictionPack pack, RequestType type) {
        if (!pack.grants(type)) {
            throw ProblemException.unprocessable(
                    "right-not-granted",
                    pack.name() + " (" + pack.law() + ") does not grant a " + type + " right.",
                    new Problem.Violation(
                            "type",
                            "must be a right " + pack.name() + " grants: "
                                    + pack.rights().keySet()));
        }
        return pack;
    }

    /**
     * The receipt time to count from: now when none is given; a given one must not lie in the future
     * (beyond {@link #RECEIPT_SKEW}, and within it counts as now) nor further back than the records are
     * kept ({@code request.retention-months}: such a record would have to be erased at once).
     */
    private Instant receivedAt(Instant given, Instant now) {
        if (given == null) {
            return now;
        }
        if (given.isAfter(now.plus(RECEIPT_SKEW))) {
            throw ProblemException.badRequest(
                    "receivedAt lies in the future.",
                    new Problem.Violation(
                            "receivedAt",
                            "must not be in the future (up to " + RECEIPT_SKEW.toMinutes()
                                    + " minutes of clock skew are allowed)"));
        }
        Instant oldest = ZonedDateTime.ofInstant(now, ZoneOffset.UTC)
                .minusMonths(config.retentionMonths())
                .toInstant();
        if (given.isBefore(oldest)) {
            throw ProblemException.badRequest(
                    "receivedAt is older than request records are kept.",
                    new Problem.Violation(
                            "receivedAt", "must be within the last " + config.retentionMonths() + " months"));
        }
        return given.isAfter(now) ? now : given.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Takes the one extension of a request's response period and announces it (the consumer is told
     * why).
     *
     * @throws ProblemException 404 for no such request in the account; 409 when it was extended already
     *     or is closed; 422 without a reason, on or after the original due date, or for an opt-out or
     *     limit request
     */
    @Transactional
    public RightsRequest extend(UUID accountId, UUID requestId, String reason, String by) {
        RightsRequest request = requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("No rights request " + requestId + " in this account."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            request.extend(
                    reason,
                    by,
                    now,
                    statutoryClock,
                    packs.of(request.jurisdiction()).clockRules());
        } catch (RequestClosedException e) {
            throw ProblemException.conflict(
                    "request-closed", "This request is already " + e.status() + "; its outcome can no longer change.");
        } catch (ExtensionRefusedException e) {
            throw switch (e.refusal()) {
                case ALREADY_EXTENDED ->
                    ProblemException.conflict(
                            "already-extended",
                            "This request was extended once already; the law allows one extension.");
                case NO_REASON ->
                    ProblemException.unprocessable(
                            "extension-reason-required",
                            "An extension needs a reason; the consumer is told it.",
                            new Problem.Violation("reason", "must not be blank"));
                case PAST_DUE ->
                    ProblemException.unprocessable(
                            "extension-too-late",
                            "An extension must be taken before the original due date (" + request.dueAt() + ").");
                case NOT_EXTENDABLE -> {
                    JurisdictionPack pack = packs.of(request.jurisdiction());
                    JurisdictionPack.Deadline due = pack.responseByType() == null
                            ? null
                            : pack.responseByType().get(request.type());
                    yield ProblemException.unprocessable(
                            "extension-not-allowed",
                            due == null
                                    ? "In " + pack.name() + " a " + request.type() + " request cannot be extended ("
                                            + pack.extension().citation() + ")."
                                    : "In " + pack.name() + " " + request.type() + " requests must be acted on within "
                                            + due.days() + " "
                                            + due.count().name().toLowerCase(Locale.ROOT)
                                            + " days; they cannot be extended (" + due.citation() + ").");
                }
            };
        }
        outbox.publish(new RequestExtendedEvent(
                request.id(),
                accountId,
                request.type().name(),
                request.scope().tag(),
                request.consumerEmail(),
                request.extension().extensionReason(),
                request.dueAt(),
                request.extension().extendedDueAt(),
                by,
                now));
        LOG.infof(
                "Extended request %s of account %s to %s",
                request.id(), accountId, request.extension().extendedDueAt());
        request.timeline().size();
        return request;
    }

    /**
     * Asks deletion-service for a fresh copy of an ACCESS request's data (the earlier one never reached the
     * consumer) and announces it in the same transaction; a link to the copy is mailed to the request's address.
     *
     * @throws ProblemException 404 for no such request in the account; 422 for a request of another type;
     *     409 when it is closed, its address was erased, or a fresh copy was asked for less than a minute ago
     *     (the answer says from when it may be asked again)
     */
    @Transactional
    public RightsRequest requestExport(UUID accountId, UUID requestId, String by) {
        RightsRequest request = requests.findForUpdate(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> ProblemException.notFound("No rights request " + requestId + " in this account."));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int attempt;
        try {
            attempt = request.requestExport(by, now);
        } catch (RequestClosedException e) {
            throw ProblemException.conflict(
                    "request-closed", "This request is already " + e.status() + "; its outcome can no longer change.");
        } catch (ExportRefusedException e) {
            throw switch (e.refusal()) {
                case NOT_AN_ACCESS_REQUEST ->
                    ProblemException.unprocessable(
                            "not-an-access-request",
                            "Only an ACCESS request has a copy of the consumer's data to send; this is a "
                                    + request.type() + " request.");
                case IDENTITY_ERASED ->
                    ProblemException.conflict(
                            "identity-erased",
                            "The consumer's address was erased after the retention period; there is nowhere to send"
                                    + " a copy.");
                case RECENTLY_REQUESTED ->
                    ProblemException.conflict(
                            "export-recently-requested",
                            "A fresh copy was asked for less than a minute ago; it may be asked for again from "
                                    + e.askAgainAt() + ".");
            };
        }
        outbox.publish(new RequestExportRequestedEvent(
                request.id(),
                accountId,
                attempt,
                request.scope().subjectEmail(),
                request.scope().subjectVisitorId(),
                by,
                now));
        LOG.infof("Asked for copy attempt %d of request %s of account %s", attempt, request.id(), accountId);
        request.timeline().size();
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

    /**
     * The account's requests, newest first, or open ones by due date (overdue first) when {@code byDue}: the real
     * consumers' ones, or with {@code synthetic} only those of the opt-out self-test's synthetic consumer.
     */
    @Transactional
    public List<RightsRequest> list(
            UUID accountId, RequestStatus status, RequestType type, boolean byDue, boolean synthetic, int limit) {
        return requests.list(accountId, status, type, byDue, synthetic, limit);
    }

    /** The clock the service counts with, for days left in answers. */
    public StatutoryClock statutoryClock() {
        return statutoryClock;
    }

    /** The jurisdiction packs, for the rules of a request's jurisdiction. */
    public JurisdictionPacks packs() {
        return packs;
    }

    /** Now, by the injectable clock. */
    public Instant now() {
        return clock.instant();
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
        outbox.publish(new RequestDeclinedEvent(
                request.id(),
                accountId,
                request.type().name(),
                request.scope().tag(),
                request.consumerEmail(),
                reason.name(),
                note,
                by,
                now));
        LOG.infof("Declined request %s of account %s (%s)", request.id(), accountId, reason);
        request.timeline().size();
        return request;
    }
}
