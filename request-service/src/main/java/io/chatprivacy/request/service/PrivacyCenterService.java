package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.config.RequestConfig;
import io.chatprivacy.request.domain.Account;
import io.chatprivacy.request.domain.AccountStatus;
import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.Intake;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestStatusToken;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.jurisdiction.JurisdictionPack;
import io.chatprivacy.request.events.ConsumerVerificationIssuedEvent;
import io.chatprivacy.request.persistence.AccountRepository;
import io.chatprivacy.request.persistence.ConsumerIntakeRepository;
import io.chatprivacy.request.persistence.RequestStatusTokenRepository;
import io.chatprivacy.request.persistence.RightsRequestRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The consumers' front door: requests submitted in an account's public privacy center. An opt-out or a limit
 * is opened at once; access, deletion and correction are received (their clock starts) and wait for the code
 * mailed to the consumer's address. Every opened request gets a status token, answered to the consumer and
 * mailed with the receipt confirmation. Refusals that must still count (a wrong code) are answered as results,
 * not exceptions, so that their transaction commits.
 */
@ApplicationScoped
public class PrivacyCenterService {

    private static final Logger LOG = Logger.getLogger(PrivacyCenterService.class);

    /** Who the timeline and the events name as having opened a privacy-center request. */
    public static final String OPENED_BY = "privacy-center";

    /** Who the timeline and the events name as having opened a request an authorized agent sent (DRP). */
    public static final String OPENED_BY_AGENT = "authorized-agent";

    /**
     * What a consumer submitted, in the privacy center ({@code agentName} null) or through an authorized agent
     * (Data Rights Protocol: the request opens with channel {@code AUTHORIZED_AGENT}, the agent's name and its
     * signed permission; the code still goes to the consumer's address).
     */
    public record Submission(
            RequestType type,
            String email,
            String visitorId,
            CorrectionField correctionField,
            String correctionValue,
            String agentName,
            String jurisdiction) {

        /** A consumer's own submission in the privacy center, under the default jurisdiction. */
        public Submission(
                RequestType type,
                String email,
                String visitorId,
                CorrectionField correctionField,
                String correctionValue) {
            this(type, email, visitorId, correctionField, correctionValue, null, null);
        }

        /** A submission under the default jurisdiction, by an authorised agent if {@code agentName} is given. */
        public Submission(
                RequestType type,
                String email,
                String visitorId,
                CorrectionField correctionField,
                String correctionValue,
                String agentName) {
            this(type, email, visitorId, correctionField, correctionValue, agentName, null);
        }
    }

    /**
     * A submission's answer: the intake, and when the request opened at once (or on verification) its id and
     * the status token (shown once; only its hash is kept).
     */
    public record Submitted(ConsumerIntake intake, UUID requestId, String statusToken) {}

    /** What presenting a code came to, and on success the request and its status token. */
    public record Verification(ConsumerIntake.Outcome outcome, int attemptsLeft, UUID requestId, String statusToken) {}

    /** A new code's answer: refused, or valid until {@code expiresAt}. */
    public record NewCode(ConsumerIntake.CodeRefusal refusal, Instant expiresAt) {}

    private final AccountRepository accounts;
    private final ConsumerIntakeRepository intakes;
    private final RequestStatusTokenRepository tokens;
    private final RightsRequestRepository requests;
    private final RightsRequestService rightsRequests;
    private final ConsumerSecrets secrets;
    private final Outbox outbox;
    private final Clock clock;
    private final RequestConfig.PrivacyCenter limits;

    PrivacyCenterService(
            AccountRepository accounts,
            ConsumerIntakeRepository intakes,
            RequestStatusTokenRepository tokens,
            RightsRequestRepository requests,
            RightsRequestService rightsRequests,
            ConsumerSecrets secrets,
            Outbox outbox,
            Clock clock,
            RequestConfig config) {
        this.accounts = accounts;
        this.intakes = intakes;
        this.tokens = tokens;
        this.requests = requests;
        this.rightsRequests = rightsRequests;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
        this.limits = config.privacyCenter();
    }

    /**
     * The account whose privacy center this is.
     *
     * @throws ProblemException 404 for an unknown or disabled account (the same answer for both)
     */
    @Transactional
    public Account account(UUID accountId) {
        return accounts.findByIdOptional(accountId)
                .filter(a -> a.status() == AccountStatus.ACTIVE)
                .orElseThrow(() -> ProblemException.notFound("No privacy center " + accountId + "."));
    }

    /**
     * Receives a consumer's request: opens an opt-out or limit at once, or mails a code for the others.
     *
     * @throws ProblemException 404 for no such account; 422 for a jurisdiction without a pack or a right it does
     *     not grant; 429 when the address submitted too many today
     */
    @Transactional
    public Submitted submit(UUID accountId, Submission submission) {
        account(accountId);
        // the jurisdiction must exist and grant the right before anything is stored or mailed
        JurisdictionPack pack = rightsRequests.pack(submission.jurisdiction(), submission.type());
        Instant now = now();
        String email =
                submission.email() == null ? null : submission.email().strip().toLowerCase(Locale.ROOT);
        if (email != null
                && intakes.countByAddressSince(accountId, email, now.minus(Duration.ofDays(1)))
                        >= limits.dailyIntakesPerAddress()) {
            throw ProblemException.tooManyRequests("This address has submitted " + limits.dailyIntakesPerAddress()
                    + " requests in the last 24 hours; please try again tomorrow or write to the business.");
        }
        ConsumerIntake intake = submission.agentName() != null
                ? ConsumerIntake.receiveFromAgent(
                        UUID.randomUUID(), accountId, submission.type(), email, submission.agentName(), now)
                : ConsumerIntake.receive(
                        UUID.randomUUID(),
                        accountId,
                        submission.type(),
                        email,
                        submission.visitorId(),
                        submission.correctionField(),
                        submission.correctionValue() == null
                                ? null
                                : submission.correctionValue().strip(),
                        now);
        intakes.persist(intake.under(pack.code()));
        if (pack.needsVerification(submission.type())) {
            issueCode(intake, now);
            LOG.infof(
                    "Privacy center intake %s (%s) of account %s awaits its code",
                    intake.id(), intake.type(), accountId);
            return new Submitted(intake, null, null);
        }
        Submitted opened = open(intake, now);
        LOG.infof(
                "Privacy center intake %s opened %s request %s of account %s",
                intake.id(), intake.type(), opened.requestId(), accountId);
        return opened;
    }

    /** Checks a presented code; the right one opens the request with the intake's receipt time. */
    @Transactional
    public Verification verify(UUID accountId, UUID intakeId, String code) {
        ConsumerIntake intake = intake(accountId, intakeId);
        Instant now = now();
        ConsumerIntake.Outcome outcome = intake.present(secrets.codeHash(intake.id(), code), now, limits.maxAttempts());
        int left = intake.attemptsLeft(limits.maxAttempts());
        if (outcome != ConsumerIntake.Outcome.VERIFIED) {
            LOG.infof("Privacy center intake %s of account %s: %s", intakeId, accountId, outcome);
            return new Verification(outcome, left, intake.requestId(), null);
        }
        Submitted opened = open(intake, now);
        LOG.infof(
                "Privacy center intake %s verified, %s request %s of account %s",
                intakeId, intake.type(), opened.requestId(), accountId);
        return new Verification(outcome, left, opened.requestId(), opened.statusToken());
    }

    /** Mails a new code, which replaces the previous one. */
    @Transactional
    public NewCode newCode(UUID accountId, UUID intakeId) {
        ConsumerIntake intake = intake(accountId, intakeId);
        ConsumerIntake.CodeRefusal refusal = issueCode(intake, now());
        return new NewCode(refusal, refusal == null ? intake.codeExpiresAt() : null);
    }

    /**
     * The request a status token opens.
     *
     * @throws ProblemException 404 when the token does not open this request of this account (the same answer
     *     as for no such request)
     */
    @Transactional
    public RightsRequest status(UUID accountId, UUID requestId, String token) {
        ProblemException none = ProblemException.notFound("No request " + requestId + " with this link.");
        if (token == null || token.isBlank() || token.length() > 200) {
            throw none;
        }
        RequestStatusToken found =
                tokens.findByIdOptional(secrets.statusTokenHash(token.strip())).orElseThrow(() -> none);
        if (!found.requestId().equals(requestId)) {
            throw none;
        }
        RightsRequest request = requests.findByIdOptional(requestId)
                .filter(r -> r.accountId().equals(accountId))
                .orElseThrow(() -> none);
        request.timeline().size();
        return request;
    }

    private ConsumerIntake intake(UUID accountId, UUID intakeId) {
        return intakes.findForUpdate(accountId, intakeId)
                .orElseThrow(() -> ProblemException.notFound("No request " + intakeId + " waiting here."));
    }

    private ConsumerIntake.CodeRefusal issueCode(ConsumerIntake intake, Instant now) {
        String code = secrets.newCode();
        Instant expiresAt = now.plus(limits.codeTtl());
        ConsumerIntake.CodeRefusal refusal =
                intake.issueCode(secrets.codeHash(intake.id(), code), expiresAt, limits.maxCodes(), now);
        if (refusal == null) {
            outbox.publish(new ConsumerVerificationIssuedEvent(
                    intake.id(),
                    intake.accountId(),
                    intake.type().name(),
                    intake.subjectEmail(),
                    secrets.sealCode(code, intake.id()),
                    expiresAt,
                    intake.codesIssued()));
        }
        return refusal;
    }

    private Submitted open(ConsumerIntake intake, Instant now) {
        UUID requestId = UUID.randomUUID();
        String token = secrets.newStatusToken();
        boolean byAgent = intake.agentName() != null;
        RightsRequestService.Opened opened = rightsRequests.open(
                intake.accountId(),
                new RightsRequestService.Opening(
                        intake.type(),
                        byAgent ? RequestChannel.AUTHORIZED_AGENT : RequestChannel.WEB_FORM,
                        null,
                        intake.subjectEmail(),
                        intake.subjectVisitorId(),
                        new Intake(
                                intake.agentName(),
                                byAgent ? Boolean.TRUE : null,
                                intake.correctionField(),
                                intake.correctionValue()),
                        intake.receivedAt(),
                        intake.jurisdiction()),
                byAgent ? OPENED_BY_AGENT : OPENED_BY,
                new RightsRequestService.StatusLink(requestId, secrets.sealStatusToken(token, requestId)));
        UUID openedId = opened.request().id();
        tokens.persist(new RequestStatusToken(secrets.statusTokenHash(token), openedId, now));
        intake.opened(openedId, now);
        return new Submitted(intake, openedId, token);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
