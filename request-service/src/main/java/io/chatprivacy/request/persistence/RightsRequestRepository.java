package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RightsRequest;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
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
        Sort sort = Sort.descending("receivedAt").and("id");
        var query = status == null
                ? find("accountId", sort, accountId)
                : find(
                        "accountId = :account and status = :status",
                        sort,
                        Parameters.with("account", accountId).and("status", status));
        return query.page(Page.ofSize(limit)).list();
    }
}
