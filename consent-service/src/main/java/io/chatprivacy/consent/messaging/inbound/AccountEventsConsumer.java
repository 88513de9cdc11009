package io.chatprivacy.consent.messaging.inbound;

import io.chatprivacy.consent.persistence.AccountRepository;
import io.chatprivacy.consent.service.AccountDirectory;
import io.chatprivacy.platform.accounts.AccountReplica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps this service's copy of the account registry (widget keys, origins, status) from {@code account-events}. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final AccountReplica replica;
    private final AccountRepository accounts;
    private final AccountDirectory directory;

    AccountEventsConsumer(AccountReplica replica, AccountRepository accounts, AccountDirectory directory) {
        this.replica = replica;
        this.accounts = accounts;
        this.directory = directory;
    }

    @Incoming("account-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        try {
            replica.consume(record, AccountReplica.Needs.WIDGET_KEY, accounts);
        } finally {
            // after the commit (or the failure): a disabled key must stop working now, not at the cache's expiry
            directory.invalidate();
        }
    }
}
