package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.Correction;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Records of CORRECT requests, one per rights request. */
@ApplicationScoped
public class CorrectionRepository implements PanacheRepositoryBase<Correction, UUID> {

    public boolean existsForRequest(UUID requestId) {
        return count("requestId", requestId) > 0;
    }
}
