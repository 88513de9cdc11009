package io.chatprivacy.consent.persistence;

import io.chatprivacy.consent.domain.FormVersion;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Published form versions (immutable rows). */
@ApplicationScoped
public class FormVersionRepository implements PanacheRepositoryBase<FormVersion, UUID> {

    public Optional<FormVersion> findVersion(UUID accountId, int version) {
        return find("accountId = ?1 and version = ?2", accountId, version).firstResultOptional();
    }

    /** The current version: the latest published. */
    public Optional<FormVersion> latest(UUID accountId) {
        return find("accountId = ?1 order by version desc", accountId).firstResultOptional();
    }

    public List<FormVersion> allOf(UUID accountId) {
        return list("accountId = ?1 order by version desc", accountId);
    }
}
