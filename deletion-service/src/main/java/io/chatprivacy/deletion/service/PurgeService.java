package io.chatprivacy.deletion.service;

import io.chatprivacy.deletion.config.DeletionConfig;
import io.chatprivacy.deletion.domain.DeletionJob;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.JobStatus;
import io.chatprivacy.deletion.domain.PurgeReceipt;
import io.chatprivacy.deletion.events.PurgeCompletedEvent;
import io.chatprivacy.deletion.persistence.DeletionJobRepository;
import io.chatprivacy.deletion.persistence.PurgeReceiptRepository;
import io.chatprivacy.deletion.persistence.PurgeStore;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Carries out an authorised deletion job: first the crypto-erasure (the data keys of all its targets
 * destroyed in one transaction, so every target is unreadable at once), then the physical purge one
 * chunk per transaction: each chunk's deletions, key
 * destruction, tombstones and the job's progress commit together, so a purge interrupted anywhere
 * resumes from what is left and never counts an item twice. The last step writes the receipt, completes
 * the job and records {@code deletion.purge-completed.v1}, once.
 */
@ApplicationScoped
public class PurgeService {

    private static final Logger LOG = Logger.getLogger(PurgeService.class);

    private final DeletionJobRepository jobs;
    private final PurgeReceiptRepository receipts;
    private final PurgeStore store;
    private final VaultStore vault;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final int chunkSize;
    private final int analyzeAbove;

    PurgeService(
            DeletionJobRepository jobs,
            PurgeReceiptRepository receipts,
            PurgeStore store,
            VaultStore vault,
            Outbox outbox,
            MeterRegistry meters,
            DeletionConfig config,
            Clock clock) {
        this.jobs = jobs;
        this.receipts = receipts;
        this.store = store;
        this.vault = vault;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
        this.chunkSize = config.purge().chunkSize();
        this.analyzeAbove = config.purge().analyzeAbove();
    }

    /**
     * Runs the next chunk of a job.
     *
     * @return true when there is nothing more to do (the job is completed, or not purging)
     */
    @Transactional
    public boolean step(UUID jobId) {
        DeletionJob job = jobs.findForUpdate(jobId).orElse(null);
        if (job == null || job.status() != JobStatus.PURGING) {
            return true;
        }
        // ingest of the same account waits for this chunk: no item or key appears half-purged
        vault.lockAccount(job.accountId());
        if (!job.keysDestroyed()) {
            destroyKeys(job);
            return false;
        }
        Instant now = now();
        ItemType phase = job.purgePhase();
        if (job.purgeCursor() == null && isBig(job)) {
            // the first chunk of a phase: the tables the erasure's refresh skipped (autovacuum was on them) are
            // analysed now, waiting for it, before the chunks are planned on stale statistics
            store.analyze(job.chatCount() >= analyzeAbove / 2, job.ticketCount() >= analyzeAbove / 2);
        }
        PurgeStore.Chunk chunk = store.deleteChunk(
                job.accountId(), phase, job.target(), job.authorisedAt(), job.purgeCursor(), chunkSize, job.id(), now);
        job.recordPurged(phase, chunk.deleted());
        meters.counter("purge.items", "type", phase.name().toLowerCase(Locale.ROOT))
                .increment(chunk.deleted());
        if (!chunk.exhausted()) {
            job.advancePurge(chunk.cursor());
            return false;
        }
        if (phase == ItemType.CHAT) {
            job.purgeTickets();
            return false;
        }
        complete(job, now);
        return true;
    }

    /**
     * The crypto-erasure step: destroys the data keys of all the job's targets, chats and tickets, in this
     * one transaction, and records the moment on the job in the same commit. Should the service die before
     * the commit, nothing happened and the resumed job runs it again; after it, the job skips it.
     */
    private void destroyKeys(DeletionJob job) {
        if (isBig(job)) {
            // fresh statistics for the erasure's plans (not part of the erasure's time); a table autovacuum is
            // vacuuming right after a bulk ingest is not waited for here: the server would cancel autovacuum only
            // after deadlock_timeout, delaying the erasure by a second or two, and lose its work; the first chunk
            // analyses what was skipped
            long analyzing = System.nanoTime();
            store.analyze(job.chatCount() >= analyzeAbove / 2, job.ticketCount() >= analyzeAbove / 2, true);
            LOG.infof(
                    "Deletion job %s: statistics refreshed in %d ms before the purge of %d chats and %d tickets",
                    job.id(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - analyzing),
                    job.chatCount(),
                    job.ticketCount());
        }
        long started = System.nanoTime();
        int chats = store.destroyDataKeys(job.accountId(), ItemType.CHAT, job.target(), job.authorisedAt());
        int tickets = store.destroyDataKeys(job.accountId(), ItemType.TICKET, job.target(), job.authorisedAt());
        long elapsed = System.nanoTime() - started;
        job.recordKeysDestroyed(now());
        // tags: what kind of job only (no account, tag or subject)
        meters.timer("purge.erasure", "target", job.target().isTag() ? "tag" : "subject")
                .record(elapsed, TimeUnit.NANOSECONDS);
        meters.counter("purge.erasure.keys", "type", "chat").increment(chats);
        meters.counter("purge.erasure.keys", "type", "ticket").increment(tickets);
        LOG.infof(
                "Deletion job %s: data keys of %d chats and %d tickets destroyed in %d ms; the physical purge follows",
                job.id(), chats, tickets, TimeUnit.NANOSECONDS.toMillis(elapsed));
    }

    /** A purge big enough for the planner's statistics of a bulk ingest just before to matter. */
    private boolean isBig(DeletionJob job) {
        return job.chatCount() + job.ticketCount() >= analyzeAbove;
    }

    private void complete(DeletionJob job, Instant now) {
        int subjectKeys = store.destroyOrphanedSubjectKeys(job.accountId());
        LOG.debugf("Deletion job %s: %d subject keys left protecting nothing destroyed", job.id(), subjectKeys);
        List<String> heldChats = store.held(job.accountId(), ItemType.CHAT, job.target(), job.authorisedAt());
        List<String> heldTickets = store.held(job.accountId(), ItemType.TICKET, job.target(), job.authorisedAt());
        PurgeReceipt receipt =
                PurgeReceipt.of(UUID.randomUUID(), job, heldChats, heldTickets, store.digest(job.id()), now);
        receipts.persist(receipt);
        job.complete(receipt.id(), now);
        outbox.publish(new PurgeCompletedEvent(
                job.requestId(),
                job.id(),
                job.accountId(),
                receipt.id(),
                job.tag(),
                job.chatsDeleted(),
                job.ticketsDeleted(),
                heldChats.size(),
                heldTickets.size(),
                job.authorisedBy(),
                now));
        LOG.infof(
                "Deletion job %s completed: %d chats and %d tickets deleted, %d chats and %d tickets kept for a"
                        + " legal hold; receipt %s",
                job.id(), job.chatsDeleted(), job.ticketsDeleted(), heldChats.size(), heldTickets.size(), receipt.id());
    }

    /** A request's receipt, with the id hashes of what it deleted when asked for. */
    @Transactional
    public Receipt receipt(UUID accountId, UUID requestId, boolean withHashes) {
        PurgeReceipt receipt = receipts.forRequest(accountId, requestId)
                .orElseThrow(() -> ProblemException.notFound("No purge receipt for request " + requestId + " yet."));
        return new Receipt(
                receipt,
                withHashes ? store.idHashes(receipt.jobId(), ItemType.CHAT) : null,
                withHashes ? store.idHashes(receipt.jobId(), ItemType.TICKET) : null);
    }

    /** A receipt and (optionally) the hex hashes of the ids it deleted. */
    public record Receipt(PurgeReceipt receipt, List<String> chatIdHashes, List<String> ticketIdHashes) {}

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
