package io.chatprivacy.notification.persistence;

import io.chatprivacy.notification.domain.Account;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** This service's copy of the account registry. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {}
