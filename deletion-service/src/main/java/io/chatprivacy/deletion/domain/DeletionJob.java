package io.chatprivacy.deletion.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A deletion job: what a rights request asks to delete, the one-time code that authorises it (kept only
 * as a keyed hash, dropped as soon as it can no longer be used) and the purge's progress.
 *
 * <p>The code rules live here: valid for a fixed window, single use, locked after a number of wrong
 * tries. A resend or a retry after a lock is a new job for the same request.
 */
@Entity
@Table(name = "deletion_job")
public class DeletionJob {

    /** Checks a presented code against the stored hash in constant time. */
    @FunctionalInterface
    public interface CodeCheck {
        boolean matches(UUID jobId, String presented, byte[] storedHash);
    }

    /** What presenting a code did. */
    public enum Verification {
        /** Right code: the job is now purging. */
        ACCEPTED,
        WRONG_CODE,
        /** Wrong code, and the last allowed try: the job locked now. */
        LOCKED_NOW,
        LOCKED,
        /** The window had passed: the job expired now. */
        EXPIRED_NOW,
        EXPIRED,
        /** The code was already used (purging or completed). */
        USED,
        CANCELLED,
        SUPERSEDED
    }

    @Id
    private UUID id;

    @Column(name = "account_id", nullable = false)
    private UUID accountId;

    @Column(name = "request_id", nullable = false)
    private UUID requestId;

    private String tag;

    @Column(name = "subject_email_index")
    private byte[] subjectEmailIndex;

    @Column(name = "subject_visitor_index")
    private byte[] subjectVisitorIndex;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private JobStatus status;

    @Column(name = "chat_count", nullable = false)
    private int chatCount;

    @Column(name = "ticket_count", nullable = false)
    private int ticketCount;

    @Column(name = "code_hash")
    private byte[] codeHash;

    @Column(name = "code_issued_at", nullable = false)
    private Instant codeIssuedAt;

    @Column(name = "code_expires_at", nullable = false)
    private Instant codeExpiresAt;

    @Column(name = "failed_attempts", nullable = false)
    private int failedAttempts;

    @Column(name = "authorised_by")
    private String authorisedBy;

    @Column(name = "authorised_at")
    private Instant authorisedAt;

    @Column(name = "chats_deleted", nullable = false)
    private int chatsDeleted;

    @Column(name = "tickets_deleted", nullable = false)
    private int ticketsDeleted;

    @Column(name = "receipt_id")
    private UUID receiptId;

    /** Which items the purge is deleting now: chats first, then tickets. */
    @Enumerated(EnumType.STRING)
    @Column(name = "purge_phase")
    private ItemType purgePhase;

    /** The platform id the purge has reached within its phase (tag purges walk the tag index in id order). */
    @Column(name = "purge_cursor")
    private String purgeCursor;

    /** When the data keys of all the purge's targets were destroyed (the crypto-erasure step), else null. */
    @Column(name = "keys_destroyed_at")
    private Instant keysDestroyedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Version
    private long version;

    protected DeletionJob() {}

    /** A new job awaiting its code. */
    public static DeletionJob issue(
            UUID id,
            UUID accountId,
            UUID requestId,
            DeletionTarget target,
            int chatCount,
            int ticketCount,
            byte[] codeHash,
            Instant now,
            Duration validity) {
        DeletionJob job = new DeletionJob();
        job.id = Objects.requireNonNull(id);
        job.accountId = Objects.requireNonNull(accountId);
        job.requestId = Objects.requireNonNull(requestId);
        job.tag = target.tag();
        job.subjectEmailIndex = target.emailIndex();
        job.subjectVisitorIndex = target.visitorIndex();
        job.status = JobStatus.AWAITING_VERIFICATION;
        job.chatCount = chatCount;
        job.ticketCount = ticketCount;
        job.codeHash = Objects.requireNonNull(codeHash);
        job.codeIssuedAt = now;
        job.codeExpiresAt = now.plus(validity);
        job.createdAt = now;
        return job;
    }

    /**
     * Presents a code. Only a job awaiting verification, within its window, can accept one; the code
     * is dropped on success (single use), on lock and on expiry.
     *
     * @param authorisedBy a pseudonym of the caller, recorded when the code is right
     */
    public Verification verify(String presented, CodeCheck check, String authorisedBy, Instant now, int maxAttempts) {
        switch (status) {
            case LOCKED:
                return Verification.LOCKED;
            case EXPIRED:
                return Verification.EXPIRED;
            case PURGING:
            case COMPLETED:
                return Verification.USED;
            case CANCELLED:
                return Verification.CANCELLED;
            case SUPERSEDED:
                return Verification.SUPERSEDED;
            default:
                break;
        }
        if (expireIfDue(now)) {
            return Verification.EXPIRED_NOW;
        }
        if (check.matches(id, presented, codeHash)) {
            status = JobStatus.PURGING;
            codeHash = null;
            this.authorisedBy = authorisedBy;
            authorisedAt = now;
            return Verification.ACCEPTED;
        }
        failedAttempts++;
        if (failedAttempts >= maxAttempts) {
            status = JobStatus.LOCKED;
            codeHash = null;
            closedAt = now;
            return Verification.LOCKED_NOW;
        }
        return Verification.WRONG_CODE;
    }

    /** Expires the code if its window has passed; true if this call expired it. */
    public boolean expireIfDue(Instant now) {
        if (status != JobStatus.AWAITING_VERIFICATION || now.isBefore(codeExpiresAt)) {
            return false;
        }
        status = JobStatus.EXPIRED;
        codeHash = null;
        closedAt = now;
        return true;
    }

    /** The request was declined: a job still waiting for its code ends; true if it did. */
    public boolean cancel(Instant now) {
        if (status != JobStatus.AWAITING_VERIFICATION) {
            return false;
        }
        status = JobStatus.CANCELLED;
        codeHash = null;
        closedAt = now;
        return true;
    }

    /** A newer code was issued for the request: this one dies. */
    public void supersede(Instant now) {
        if (status == JobStatus.AWAITING_VERIFICATION) {
            status = JobStatus.SUPERSEDED;
            codeHash = null;
            closedAt = now;
        }
    }

    /** Whether a new code may be issued for this job's request now (at most one per interval). */
    public boolean allowsNewCode(Instant now, Duration interval) {
        return !now.isBefore(codeIssuedAt.plus(interval));
    }

    /** Counts a committed chunk of the purge. */
    public void recordPurged(ItemType type, int count) {
        if (type == ItemType.CHAT) {
            chatsDeleted += count;
        } else {
            ticketsDeleted += count;
        }
    }

    /** The kind of item the purge is deleting now. */
    public ItemType purgePhase() {
        return purgePhase == null ? ItemType.CHAT : purgePhase;
    }

    public String purgeCursor() {
        return purgeCursor;
    }

    /** Records how far the purge got within its phase (committed with the chunk). */
    public void advancePurge(String cursor) {
        purgeCursor = cursor;
    }

    /** Whether the crypto-erasure step is done (committed): the targets' data keys are gone. */
    public boolean keysDestroyed() {
        return keysDestroyedAt != null;
    }

    public Instant keysDestroyedAt() {
        return keysDestroyedAt;
    }

    /** Records the crypto-erasure step (committed with the destruction of the keys). */
    public void recordKeysDestroyed(Instant now) {
        if (keysDestroyedAt == null) {
            keysDestroyedAt = now;
        }
    }

    /** Chats are done: tickets next. */
    public void purgeTickets() {
        purgePhase = ItemType.TICKET;
        purgeCursor = null;
    }

    public void complete(UUID receiptId, Instant now) {
        if (status != JobStatus.PURGING) {
            throw new IllegalStateException("job " + id + " is " + status + ", not purging");
        }
        status = JobStatus.COMPLETED;
        this.receiptId = receiptId;
        closedAt = now;
    }

    public int remainingAttempts(int maxAttempts) {
        return Math.max(0, maxAttempts - failedAttempts);
    }

    /** What the job deletes. */
    public DeletionTarget target() {
        return new DeletionTarget(tag, subjectEmailIndex, subjectVisitorIndex);
    }

    public UUID id() {
        return id;
    }

    public UUID accountId() {
        return accountId;
    }

    public UUID requestId() {
        return requestId;
    }

    public String tag() {
        return tag;
    }

    public JobStatus status() {
        return status;
    }

    public int chatCount() {
        return chatCount;
    }

    public int ticketCount() {
        return ticketCount;
    }

    public Instant codeIssuedAt() {
        return codeIssuedAt;
    }

    public Instant codeExpiresAt() {
        return codeExpiresAt;
    }

    public int failedAttempts() {
        return failedAttempts;
    }

    public boolean hasCode() {
        return codeHash != null;
    }

    public String authorisedBy() {
        return authorisedBy;
    }

    public Instant authorisedAt() {
        return authorisedAt;
    }

    public int chatsDeleted() {
        return chatsDeleted;
    }

    public int ticketsDeleted() {
        return ticketsDeleted;
    }

    public UUID receiptId() {
        return receiptId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant closedAt() {
        return closedAt;
    }
}
