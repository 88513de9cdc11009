package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** Rights requests, always looked up within one account. */
@ApplicationScoped
public class RightsRequestRepository implements PanacheRepositoryBase<RightsRequest, UUID> {

    /** The request if it belongs to the account. */
    public Optional<RightsRequest> findInAccount(UUID accountId, UUID requestId) {
        return find(
                        "id = :id and accountId = :account",
                        Parameters.with("id", requestId).and("account", accountId))
                .firstResultOptional();
    }

    /**
     * The request, locked for the rest of the transaction so that an owner's decline and an event from
     * another service about the same request apply one after the other.
     */
    public Optional<RightsRequest> findForUpdate(UUID requestId) {
        return findByIdOptional(requestId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * An account's requests, optionally of one status and one type: newest first, or, {@code byDue},
     * open ones first by their effective due date (so overdue ones lead), then closed ones. Either the real
     * consumers' requests or ({@code synthetic}) only those the opt-out self-test made.
     */
    public List<RightsRequest> list(
            UUID accountId, RequestStatus status, RequestType type, boolean byDue, boolean synthetic, int limit) {
        StringBuilder where =
                new StringBuilder("from RightsRequest r where r.accountId = :account and r.synthetic = :synthetic");
        Parameters params = Parameters.with("account", accountId).and("synthetic", synthetic);
        if (status != null) {
            where.append(" and r.status = :status");
            params = params.and("status", status);
        }
        if (type != null) {
            where.append(" and r.type = :type");
            params = params.and("type", type);
        }
        where.append(
                byDue
                        ? " order by case when r.closedAt is null then 0 else 1 end,"
                                + " coalesce(r.extension.extendedDueAt, r.dueAt), r.id"
                        : " order by r.receivedAt desc, r.id desc");
        return find(where.toString(), params).page(Page.ofSize(limit)).list();
    }

    /**
     * Waits for, then holds until the transaction ends, a lock on each identifier the opening of a request
     * names its consumer by (the address as stored, in lower case, and the visitor id), within the account
     * and the request type. Two openings that {@link #findOpenDuplicate} could match with each other share at
     * least one of these locks, so they run one after the other and the second finds the first; openings for
     * other consumers, other rights or other accounts do not wait. A tag deletion names no consumer and takes
     * none. The locks are taken in the order of their keys, so two openings sharing both never deadlock.
     */
    public void lockSubject(UUID accountId, RequestType type, String subjectEmail, String subjectVisitorId) {
        for (long key : subjectLockKeys(accountId, type, subjectEmail, subjectVisitorId)) {
            getEntityManager()
                    .createNativeQuery("select 1 from pg_advisory_xact_lock(:key)")
                    .setParameter("key", key)
                    .getSingleResult();
        }
    }

    /**
     * The advisory lock keys of {@link #lockSubject}, ascending: the first 64 bits of a SHA-256 of account,
     * type and identifier, so the keys are the same in every replica and release, and carry no address in
     * clear. A collision only makes two unrelated openings wait for each other.
     */
    static long[] subjectLockKeys(UUID accountId, RequestType type, String subjectEmail, String subjectVisitorId) {
        return Stream.of(
                        subjectEmail == null ? null : "email\n" + subjectEmail,
                        subjectVisitorId == null ? null : "visitor\n" + subjectVisitorId)
                .filter(Objects::nonNull)
                .mapToLong(identifier ->
                        lockKey("rights-request-subject\n" + accountId + "\n" + type.name() + "\n" + identifier))
                .distinct()
                .sorted()
                .toArray();
    }

    private static long lockKey(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The consumer's open request of this type in the account, matched by email or visitor id, row-locked
     * as {@link #findForUpdate} locks it for the event consumers, before its timeline is read, so an entry
     * appended to it is numbered after theirs. The caller holds {@link #lockSubject}, so two identical requests cannot
     * both be opened. A match closed or erased while this waited for its lock no longer matches.
     */
    public Optional<RightsRequest> findOpenDuplicate(
            UUID accountId, RequestType type, String subjectEmail, String subjectVisitorId) {
        if (subjectEmail == null && subjectVisitorId == null) {
            return Optional.empty();
        }
        List<String> matches = new java.util.ArrayList<>();
        Parameters params = Parameters.with("account", accountId).and("type", type);
        if (subjectEmail != null) {
            matches.add("scope.subjectEmail = :email");
            params = params.and("email", subjectEmail);
        }
        if (subjectVisitorId != null) {
            matches.add("scope.subjectVisitorId = :visitor");
            params = params.and("visitor", subjectVisitorId);
        }
        return find(
                        "accountId = :account and type = :type and closedAt is null"
                                + " and scope.identityErasedAt is null and ("
                                + String.join(" or ", matches) + ") order by receivedAt",
                        params)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    /**
     * Open requests whose effective due date is at or before {@code horizon}, locked and skipping rows
     * another replica holds. The opt-out self-test's requests are left out: their synthetic consumer has no
     * statutory clock, and a self-test whose request is never completed has failed and alerted the owner already.
     */
    public List<RightsRequest> openDueBy(Instant horizon, int page, int size) {
        return find(
                        "closedAt is null and synthetic = false and coalesce(extension.extendedDueAt, dueAt) <= ?1"
                                + " order by coalesce(extension.extendedDueAt, dueAt), id",
                        horizon)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SKIP_LOCKED_HINT, SKIP_LOCKED)
                .page(Page.of(page, size))
                .list();
    }

    /** Requests with an appeal received and not decided, due by {@code horizon}, locked (skipping locked rows). */
    public List<RightsRequest> pendingAppealsDueBy(Instant horizon, int page, int size) {
        return find(
                        "appeal.appealReceivedAt is not null and appeal.appealDecision is null"
                                + " and appeal.appealDueAt <= ?1 order by appeal.appealDueAt, id",
                        horizon)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SKIP_LOCKED_HINT, SKIP_LOCKED)
                .page(Page.of(page, size))
                .list();
    }

    /** Requests received before {@code receivedBefore} that still carry the consumer's identity, locked. */
    public List<RightsRequest> identityKeptSince(Instant receivedBefore, int limit) {
        return find("scope.identityErasedAt is null and receivedAt < ?1 order by receivedAt", receivedBefore)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SKIP_LOCKED_HINT, SKIP_LOCKED)
                .page(Page.ofSize(limit))
                .list();
    }

    /** What the yearly figures need of each request received in [from, to): type, status and dates. */
    public List<Object[]> outcomes(UUID accountId, Instant from, Instant to) {
        return getEntityManager()
                .createQuery(
                        "select r.type, r.status, r.receivedAt, r.closedAt from RightsRequest r"
                                + " where r.accountId = :account and r.receivedAt >= :from and r.receivedAt < :to"
                                + " and r.synthetic = false",
                        Object[].class)
                .setParameter("account", accountId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
    }

    private static final String SKIP_LOCKED_HINT = "jakarta.persistence.lock.timeout";
    // Hibernate's LockOptions.SKIP_LOCKED: "for update skip locked" on PostgreSQL
    private static final int SKIP_LOCKED = -2;
}
