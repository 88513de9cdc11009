package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.DeletionJob;
import io.chatprivacy.deletion.domain.JobStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Deletion jobs; a request's newest job is the one its code is checked against. */
@ApplicationScoped
public class DeletionJobRepository implements PanacheRepositoryBase<DeletionJob, UUID> {

    /** The request's newest job, locked for the rest of the transaction (codes are checked one at a time). */
    public Optional<DeletionJob> latestForUpdate(UUID accountId, UUID requestId) {
        return find(
                        "accountId = ?1 and requestId = ?2",
                        Sort.descending("createdAt").and("id"),
                        accountId,
                        requestId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .range(0, 0)
                .firstResultOptional();
    }

    public Optional<DeletionJob> latest(UUID accountId, UUID requestId) {
        return find(
                        "accountId = ?1 and requestId = ?2",
                        Sort.descending("createdAt").and("id"),
                        accountId,
                        requestId)
                .range(0, 0)
                .firstResultOptional();
    }

    public boolean existsForRequest(UUID requestId) {
        return count("requestId", requestId) > 0;
    }

    public List<DeletionJob> liveForUpdate(UUID accountId, UUID requestId) {
        return find(
                        "accountId = ?1 and requestId = ?2 and status in ?3",
                        accountId,
                        requestId,
                        List.of(JobStatus.AWAITING_VERIFICATION, JobStatus.PURGING))
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public Optional<DeletionJob> findForUpdate(UUID jobId) {
        return findByIdOptional(jobId, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Ids of jobs whose code window has passed unused. */
    public List<UUID> overdue(Instant now, int limit) {
        return find("status = ?1 and codeExpiresAt <= ?2", JobStatus.AWAITING_VERIFICATION, now)
                .range(0, limit - 1)
                .project(JobId.class)
                .list()
                .stream()
                .map(JobId::id)
                .toList();
    }

    /** Ids of jobs authorised but not finished (interrupted purges among them). */
    public List<UUID> purging() {
        return find("status", JobStatus.PURGING).project(JobId.class).list().stream()
                .map(JobId::id)
                .toList();
    }

    /** Projection of a job's id. */
    public record JobId(UUID id) {}
}
