package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.DataExport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** ACCESS exports, one per rights request. */
@ApplicationScoped
public class DataExportRepository implements PanacheRepositoryBase<DataExport, UUID> {

    public boolean existsForRequest(UUID requestId) {
        return count("requestId", requestId) > 0;
    }
}
