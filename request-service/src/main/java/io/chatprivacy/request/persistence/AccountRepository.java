package io.chatprivacy.request.persistence;

import io.chatprivacy.request.domain.Account;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Accounts by id. */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<Account, UUID> {}
