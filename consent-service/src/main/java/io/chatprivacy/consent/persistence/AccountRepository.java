package io.chatprivacy.consent.persistence;

import io.chatprivacy.consent.domain.Account;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** consent-service's copy of the account registry. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {

    public Optional<Account> findByWidgetKeySha256(String sha256) {
        return find("widgetKeySha256", sha256).firstResultOptional();
    }
}
