package io.chatprivacy.request.service;

import io.chatprivacy.platform.outbox.Outbox;
import io.chatprivacy.platform.problem.ProblemException;
import io.chatprivacy.request.domain.Account;
import io.chatprivacy.request.events.AccountRegisteredEvent;
import io.chatprivacy.request.persistence.AccountRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Registers accounts and announces them on {@code account-events}. */
@ApplicationScoped
public class AccountService {

    /** A registered account together with its widget key, which exists only in this answer. */
    public record Registration(Account account, String widgetKey) {}

    private final AccountRepository accounts;
    private final Outbox outbox;
    private final Clock clock;

    AccountService(AccountRepository accounts, Outbox outbox, Clock clock) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public Registration register(String name, String ownerEmail, List<String> allowedOrigins) {
        String widgetKey = WidgetKeys.newKey();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Account account = Account.register(
                UUID.randomUUID(),
                name.strip(),
                ownerEmail.strip().toLowerCase(java.util.Locale.ROOT),
                WidgetKeys.sha256(widgetKey),
                List.copyOf(allowedOrigins),
                now);
        accounts.persist(account);
        outbox.publish(new AccountRegisteredEvent(
                account.id(),
                account.name(),
                account.ownerEmail(),
                account.widgetKeyHash(),
                account.allowedOrigins(),
                account.status().name(),
                now));
        return new Registration(account, widgetKey);
    }

    @Transactional
    public Account get(UUID accountId) {
        return accounts.findByIdOptional(accountId)
                .orElseThrow(() -> ProblemException.notFound("No account " + accountId + "."));
    }
}
