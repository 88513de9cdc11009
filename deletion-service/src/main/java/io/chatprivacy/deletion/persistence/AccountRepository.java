package io.chatprivacy.deletion.persistence;

import io.chatprivacy.deletion.domain.Account;
import io.chatprivacy.platform.accounts.AccountReplica;
import io.chatprivacy.platform.accounts.AccountState;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This service's copy of the account registry. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID>, AccountReplica.Copy {

    @Override
    public void replicate(AccountState state) {
        Account account = findByIdOptional(state.accountId()).orElse(null);
        boolean isNew = account == null;
        if (isNew) {
            account = Account.of(state.accountId());
        }
        account.update(state.name(), state.ownerEmail(), state.status(), state.at());
        if (isNew) {
            persist(account);
        }
    }
}
