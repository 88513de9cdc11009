package io.chatprivacy.notification.messaging.inbound;

import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.platform.accounts.AccountReplica;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Keeps this service's copy of the account registry (names and owner addresses) from {@code account-events}. */
@ApplicationScoped
public class AccountEventsConsumer {

    private final AccountReplica replica;
    private final AccountRepository accounts;

    AccountEventsConsumer(AccountReplica replica, AccountRepository accounts) {
        this.replica = replica;
        this.accounts = accounts;
    }

    @Incoming("account-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        replica.consume(record, AccountReplica.Needs.OWNER_EMAIL, accounts);
    }
}
