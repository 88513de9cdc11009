package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.DataExport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** ACCESS exports, one per rights request and attempt. */
@ApplicationScoped
public class DataExportRepository implements PanacheRepositoryBase<DataExport, UUID> {

    public boolean existsFor(UUID requestId, int attempt) {
        return count("requestId = ?1 and attempt = ?2", requestId, attempt) > 0;
    }
}
