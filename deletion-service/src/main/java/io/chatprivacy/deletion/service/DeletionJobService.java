package io.chatprivacy.deletion.service;

import io.chatprivacy.deletion.config.DeletionConfig;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.crypto.VerificationCodes;
import io.chatprivacy.deletion.domain.DeletionJob;
import io.chatprivacy.deletion.domain.DeletionJob.Verification;
import io.chatprivacy.deletion.domain.DeletionTarget;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.events.JobExpiredEvent;
import io.chatprivacy.deletion.events.JobLockedEvent;
import io.chatprivacy.deletion.events.VerificationIssuedEvent;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.deletion.persistence.DeletionJobRepository;
import io.chatprivacy.deletion.persistence.PurgeStore;
import io.chatprivacy.platform.events.TransientEventException;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Deletion jobs and their one-time codes: opens a job for a DELETE request, checks presented codes
 * (constant-time, single use, expiring, locking after a few wrong tries), issues new codes on request
 * (at most one a minute; the old one dies), cancels jobs of declined requests and expires unused codes.
 *
 * <p>A code exists in clear only while it is generated and sealed for notification-service; the job
 * keeps an HMAC of it, and nothing here logs it.
 */
@ApplicationScoped
public class DeletionJobService {

    private static final Logger LOG = Logger.getLogger(DeletionJobService.class);

    /** What presenting a code did, with what the caller needs to know about the job. */
    public record Presented(Verification outcome, UUID jobId, int remainingAttempts) {}

    private final DeletionJobRepository jobs;
    private final AccountRepository accounts;
    private final PurgeStore purgeStore;
    private final VaultKeys keys;
    private final CodeSealer sealer;
    private final Outbox outbox;
    private final DeletionConfig.Verification config;
    private final Clock clock;

    DeletionJobService(
            DeletionJobRepository jobs,
            AccountRepository accounts,
            PurgeStore purgeStore,
            VaultKeys keys,
            CodeSealer sealer,
            Outbox outbox,
            DeletionConfig config,
            Clock clock) {
        this.jobs = jobs;
        this.accounts = accounts;
        this.purgeStore = purgeStore;
        this.keys = keys;
        this.sealer = sealer;
        this.outbox = outbox;
        this.config = config.verification();
        this.clock = clock;
        if (this.config.codeDigits() < VerificationCodes.MIN_DIGITS) {
            throw new IllegalStateException(
                    "deletion.verification.code-digits must be at least " + VerificationCodes.MIN_DIGITS);
        }
    }

    /**
     * Opens the first job of a DELETE request and issues its code. A request that already has a job
     * changes nothing (a redelivered or repeated event). The account must be known here (its owner
     * address is where the code goes): until its copy arrives the event is retried.
     *
     * @return the new job, or null if the request already had one
     */
    @Transactional
    public DeletionJob open(UUID accountId, UUID requestId, DeletionTarget target) {
        if (accounts.findByIdOptional(accountId).isEmpty()) {
            throw new TransientEventException("account " + accountId + " is not known here yet");
        }
        if (jobs.existsForRequest(requestId)) {
            LOG.infof("Request %s already has a deletion job; nothing to do", requestId);
            return null;
        }
        return issue(accountId, requestId, target);
    }

    /** Checks a presented code against the request's newest job. */
    @Transactional
    public Presented present(UUID accountId, UUID requestId, String code, String userId) {
        DeletionJob job = jobs.latestForUpdate(accountId, requestId).orElseThrow(() -> noJob(requestId));
        Instant now = now();
        Verification outcome = job.verify(code, keys::codeMatches, keys.pseudonym(userId), now, config.maxAttempts());
        switch (outcome) {
            case ACCEPTED -> LOG.infof("Deletion job %s of request %s authorised; purging", job.id(), requestId);
            case WRONG_CODE ->
                LOG.infof(
                        "Wrong code for deletion job %s (%d of %d tries)",
                        job.id(), job.failedAttempts(), config.maxAttempts());
            case LOCKED_NOW -> {
                LOG.warnf("Deletion job %s locked after %d wrong codes", job.id(), job.failedAttempts());
                outbox.publish(new JobLockedEvent(requestId, job.id(), accountId, job.failedAttempts(), now));
            }
            case EXPIRED_NOW -> expired(job, now);
            default -> {}
        }
        return new Presented(outcome, job.id(), job.remainingAttempts(config.maxAttempts()));
    }

    /**
     * Issues a new code for the request as a new job, killing the current code. At most one code per
     * request per resend interval; not once the request was authorised or declined.
     */
    @Transactional
    public DeletionJob newCode(UUID accountId, UUID requestId) {
        DeletionJob latest = newestLocked(accountId, requestId);
        Instant now = now();
        switch (latest.status()) {
            case PURGING, COMPLETED ->
                throw ProblemException.conflict(
                        "already-authorised", "This deletion was already authorised; no new code is needed.");
            case CANCELLED ->
                throw ProblemException.conflict(
                        "request-declined", "This request was declined; no code can be issued for it.");
            default -> {}
        }
        if (!latest.allowsNewCode(now, config.resendInterval())) {
            throw ProblemException.tooManyRequests("A code was sent less than "
                    + config.resendInterval().toSeconds() + " seconds ago; wait before asking for another.");
        }
        if (latest.expireIfDue(now)) {
            expired(latest, now);
        }
        latest.supersede(now);
        // the old job must be out of the live state before the new one is inserted (one live job per request)
        jobs.flush();
        return issue(accountId, requestId, latest.target());
    }

    /** The request was declined: its waiting job ends and its code dies. A purge already authorised goes on. */
    @Transactional
    public void decline(UUID accountId, UUID requestId) {
        Instant now = now();
        for (DeletionJob job : jobs.liveForUpdate(accountId, requestId)) {
            if (job.cancel(now)) {
                LOG.infof("Deletion job %s cancelled: request %s was declined", job.id(), requestId);
            } else {
                LOG.warnf("Request %s was declined after its deletion job %s was authorised", requestId, job.id());
            }
        }
    }

    /** Expires every code whose window has passed unused and announces it; returns how many. */
    @Transactional
    public int expireOverdue() {
        Instant now = now();
        int expired = 0;
        for (UUID id : jobs.overdue(now, 500)) {
            DeletionJob job = jobs.findForUpdate(id).orElse(null);
            if (job != null && job.expireIfDue(now)) {
                expired(job, now);
                expired++;
            }
        }
        return expired;
    }

    @Transactional
    public DeletionJob latest(UUID accountId, UUID requestId) {
        return jobs.latest(accountId, requestId).orElseThrow(() -> noJob(requestId));
    }

    /**
     * The request's newest job, locked, and still the newest once locked. Two asks for a new code at once (a
     * double click, or two replicas behind the balancer) both wait for the lock on the job they found; the first
     * supersedes it with a new job, and the second, finding the old job superseded when it gets the lock, must
     * judge the new job (its resend interval: 429), not issue a third next to it (which the one-live-job index
     * refused with a 500). A look after the lock is a new snapshot, which sees the job the first committed.
     */
    private DeletionJob newestLocked(UUID accountId, UUID requestId) {
        DeletionJob locked = jobs.latestForUpdate(accountId, requestId).orElseThrow(() -> noJob(requestId));
        while (true) {
            DeletionJob newest = jobs.latestForUpdate(accountId, requestId).orElseThrow(() -> noJob(requestId));
            if (newest.id().equals(locked.id())) {
                return locked;
            }
            locked = newest;
        }
    }

    private DeletionJob issue(UUID accountId, UUID requestId, DeletionTarget target) {
        Instant now = now();
        int chats = purgeStore.count(accountId, ItemType.CHAT, target, now);
        int tickets = purgeStore.count(accountId, ItemType.TICKET, target, now);
        UUID jobId = UUID.randomUUID();
        String code = VerificationCodes.newCode(config.codeDigits());
        DeletionJob job = DeletionJob.issue(
                jobId,
                accountId,
                requestId,
                target,
                chats,
                tickets,
                keys.codeHash(jobId, code),
                now,
                config.validity());
        jobs.persist(job);
        outbox.publish(new VerificationIssuedEvent(
                requestId,
                jobId,
                accountId,
                target.tag(),
                target.emailIndexHex(),
                chats,
                tickets,
                sealer.seal(code, jobId),
                job.codeExpiresAt()));
        LOG.infof(
                "Deletion job %s opened for request %s of account %s: %d chats, %d tickets; code issued",
                jobId, requestId, accountId, chats, tickets);
        return job;
    }

    private void expired(DeletionJob job, Instant now) {
        LOG.infof("Deletion job %s expired unused", job.id());
        outbox.publish(new JobExpiredEvent(job.requestId(), job.id(), job.accountId(), now));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static ProblemException noJob(UUID requestId) {
        return ProblemException.notFound("No deletion job for request " + requestId + " in this account.");
    }
}
