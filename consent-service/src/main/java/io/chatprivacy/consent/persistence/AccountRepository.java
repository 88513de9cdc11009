package io.chatprivacy.consent.persistence;

import io.chatprivacy.consent.domain.Account;
import io.chatprivacy.platform.accounts.AccountReplica;
import io.chatprivacy.platform.accounts.AccountState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

/** consent-service's copy of the account registry. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID>, AccountReplica.Copy {

    @Override
    public void replicate(AccountState state) {
        Account account = findByIdOptional(state.accountId()).orElse(null);
        boolean isNew = account == null;
        if (isNew) {
            account = Account.of(state.accountId());
        }
        account.update(state.widgetKeySha256(), state.allowedOrigins(), state.status(), state.at());
        if (isNew) {
            persist(account);
        }
    }

    public Optional<Account> findByWidgetKeySha256(String sha256) {
        return find("widgetKeySha256", sha256).firstResultOptional();
    }
}
