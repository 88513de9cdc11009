package io.chatprivacy.platform.tx;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs an action once the current transaction has committed, never after a rollback: for work that must not
 * see, or be seen before, what the transaction writes (waking a worker that reads the new rows, dropping a
 * cache entry the transaction replaced).
 */
@ApplicationScoped
public class AfterCommit {

    /** Namespaces the callers' keys among the transaction's resources. */
    private record Key(Object key) {}

    private final TransactionSynchronizationRegistry registry;

    AfterCommit(TransactionSynchronizationRegistry registry) {
        this.registry = registry;
    }

    /**
     * Runs the action after the current transaction commits, once however often the same key is given in that
     * transaction (the first action given for a key is the one that runs). It runs on the committing thread and
     * must not throw; a transaction must be active.
     *
     * @param key what makes two requests the same, compared with {@code equals}
     */
    public void run(Object key, Runnable action) {
        Key resource = new Key(key);
        if (registry.getResource(resource) != null) {
            return;
        }
        registry.putResource(resource, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {}

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
