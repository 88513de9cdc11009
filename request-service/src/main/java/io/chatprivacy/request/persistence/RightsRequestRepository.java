package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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

    /** An account's requests, newest first, optionally of one status. */
    public List<RightsRequest> list(UUID accountId, RequestStatus status, int limit) {
        return list(accountId, status, null, false, limit);
    }

    /**
     * An account's requests, optionally of one status and one type: newest first, or, {@code byDue},
     * open ones first by their effective due date (so overdue ones lead), then closed ones.
     */
    public List<RightsRequest> list(UUID accountId, RequestStatus status, RequestType type, boolean byDue, int limit) {
        StringBuilder where = new StringBuilder("from RightsRequest r where r.accountId = :account");
        Parameters params = Parameters.with("account", accountId);
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
                                + " coalesce(r.extendedDueAt, r.dueAt), r.id"
                        : " order by r.receivedAt desc, r.id desc");
        return find(where.toString(), params).page(Page.ofSize(limit)).list();
    }

    /**
     * The consumer's open request of this type in the account, matched by email or visitor id, locked;
     * the caller holds the account's lock so two identical requests cannot both be opened.
     */
    public Optional<RightsRequest> findOpenDuplicate(
            UUID accountId, RequestType type, String subjectEmail, String subjectVisitorId) {
        if (subjectEmail == null && subjectVisitorId == null) {
            return Optional.empty();
        }
        List<String> matches = new java.util.ArrayList<>();
        Parameters params = Parameters.with("account", accountId).and("type", type);
        if (subjectEmail != null) {
            matches.add("subjectEmail = :email");
            params = params.and("email", subjectEmail);
        }
        if (subjectVisitorId != null) {
            matches.add("subjectVisitorId = :visitor");
            params = params.and("visitor", subjectVisitorId);
        }
        return find(
                        "accountId = :account and type = :type and closedAt is null and identityErasedAt is null and ("
                                + String.join(" or ", matches) + ") order by receivedAt",
                        params)
                .firstResultOptional();
    }

    /**
     * Open requests whose effective due date is at or before {@code horizon}, locked and skipping rows
     * another replica holds.
     */
    public List<RightsRequest> openDueBy(Instant horizon, int page, int size) {
        return find(
                        "closedAt is null and coalesce(extendedDueAt, dueAt) <= ?1 order by coalesce(extendedDueAt, dueAt), id",
                        horizon)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .withHint(SKIP_LOCKED_HINT, SKIP_LOCKED)
                .page(Page.of(page, size))
                .list();
    }

    /** Requests received before {@code receivedBefore} that still carry the consumer's identity, locked. */
    public List<RightsRequest> identityKeptSince(Instant receivedBefore, int limit) {
        return find("identityErasedAt is null and receivedAt < ?1 order by receivedAt", receivedBefore)
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
                                + " where r.accountId = :account and r.receivedAt >= :from and r.receivedAt < :to",
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
