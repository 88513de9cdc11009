package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.PurgeReceipt;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** Purge receipts, one per completed job. */
@ApplicationScoped
public class PurgeReceiptRepository implements PanacheRepositoryBase<PurgeReceipt, UUID> {

    public Optional<PurgeReceipt> forRequest(UUID accountId, UUID requestId) {
        return find("accountId = ?1 and requestId = ?2 order by completedAt desc", accountId, requestId)
                .range(0, 0)
                .firstResultOptional();
    }
}
