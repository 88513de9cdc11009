package io.chatprivacy.consent.messaging.inbound;

import io.chatprivacy.consent.domain.Account;
import io.chatprivacy.consent.persistence.AccountRepository;
import io.chatprivacy.consent.service.AccountDirectory;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Keeps this service's copy of the account registry from the compacted {@code account-events} topic. */
@ApplicationScoped
public class AccountEventsConsumer {

    private static final Logger LOG = Logger.getLogger(AccountEventsConsumer.class);

    private final IdempotentConsumer inbox;
    private final AccountRepository accounts;
    private final AccountDirectory directory;

    AccountEventsConsumer(IdempotentConsumer inbox, AccountRepository accounts, AccountDirectory directory) {
        this.inbox = inbox;
        this.accounts = accounts;
        this.directory = directory;
    }

    @Incoming("account-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            inbox.process(record, this::apply);
        } finally {
            // after the commit (or the failure): a disabled key must stop working now, not at the cache's expiry
            directory.invalidate();
        }
    }

    void apply(IncomingEvent event) {
        if (!event.type().startsWith("account.") || !event.type().endsWith(".v1")) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        AccountSnapshot snapshot = event.data(AccountSnapshot.class);
        if (snapshot.accountId() == null
                || !snapshot.accountId().equals(event.requireAccountId())
                || snapshot.widgetKeySha256() == null
                || snapshot.status() == null) {
            throw new PoisonEventException(
                    "account event " + event.id() + " lacks its account id, widget key hash or status");
        }
        Instant at = event.time() == null ? Instant.now() : event.time().toInstant();
        Account account = accounts.findByIdOptional(snapshot.accountId()).orElse(null);
        boolean isNew = account == null;
        if (isNew) {
            account = Account.of(snapshot.accountId());
        }
        account.update(
                snapshot.widgetKeySha256(),
                snapshot.allowedOrigins() == null ? java.util.List.of() : snapshot.allowedOrigins(),
                snapshot.status(),
                at);
        if (isNew) {
            accounts.persist(account);
        }
        LOG.infof("Account %s is now %s", snapshot.accountId(), snapshot.status());
    }
}
