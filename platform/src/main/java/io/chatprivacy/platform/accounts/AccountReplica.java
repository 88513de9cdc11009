package io.chatprivacy.platform.accounts;

import io.chatprivacy.platform.events.EventData;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.PoisonEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * The one way a service keeps its copy of the account registry from the compacted {@code account-events}
 * topic: each record once (idempotent consumer), read and checked against the contract, then handed to
 * the service's own copy inside the consumer's transaction. A service's {@code @Incoming} method (SmallRye
 * Reactive Messaging does not see inherited ones) is one line:
 *
 * <pre>{@code replica.consume(record, AccountReplica.Needs.OWNER_EMAIL, accounts::replicate);}</pre>
 *
 * An event breaking the contract (no account id or status, an account id other than its
 * {@code ce_accountid}, or without a field the copy needs) goes to the dead-letter topic.
 */
@ApplicationScoped
public class AccountReplica {

    private static final Logger LOG = Logger.getLogger(AccountReplica.class);

    /** What a service's copy cannot do without, beyond the account id and status. */
    public enum Needs {
        OWNER_EMAIL("owner address", AccountState::ownerEmail),
        WIDGET_KEY("widget key hash", AccountState::widgetKeySha256);

        private final String label;
        private final Function<AccountState, String> field;

        Needs(String label, Function<AccountState, String> field) {
            this.label = label;
            this.field = field;
        }
    }

    /** A service's copy of the registry. */
    @FunctionalInterface
    public interface Copy {

        /** Takes the registry's latest state of one account (creating the account when it is new). */
        void replicate(AccountState state);
    }

    private final IdempotentConsumer inbox;
    private final EventData data;

    AccountReplica(IdempotentConsumer inbox, EventData data) {
        this.inbox = inbox;
        this.data = data;
    }

    public void consume(ConsumerRecord<String, String> record, Needs needs, Copy copy) {
        inbox.process(record, event -> apply(event, needs, copy));
    }

    void apply(IncomingEvent event, Needs needs, Copy copy) {
        if (!event.type().startsWith("account.") || !event.type().endsWith(".v1")) {
            LOG.debugf("Ignoring event %s of type %s", event.id(), event.type());
            return;
        }
        AccountState state = data.read(event, AccountState.class);
        data.account(event, state.accountId());
        if (needs.field.apply(state) == null) {
            throw new PoisonEventException("account event " + event.id() + " lacks its " + needs.label);
        }
        copy.replicate(
                state.at(event.time() == null ? Instant.now() : event.time().toInstant()));
        LOG.infof("Account %s is now %s", state.accountId(), state.status());
    }
}
