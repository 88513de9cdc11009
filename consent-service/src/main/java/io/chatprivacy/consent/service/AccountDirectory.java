package io.chatprivacy.consent.service;

import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.domain.Account;
import io.chatprivacy.consent.domain.Hashes;
import io.chatprivacy.consent.persistence.AccountRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Recognises the widget by its key: the SHA-256 of the key finds the account in this service's copy
 * of the registry. Answers are cached for {@code consent.cache.account-ttl} (also unknown keys, so
 * guessing keys does not reach the database), and dropped at once when this replica applies an
 * account event; other replicas see the change when their entry expires.
 */
@ApplicationScoped
public class AccountDirectory {

    /** What the widget endpoints need to know about an account. */
    public record WidgetAccount(UUID id, Set<String> allowedOrigins, boolean active) {}

    private record Cached<T>(T value, long loadedAt) {}

    /** Bounds the cache against floods of made-up keys; the per-IP limit bounds their rate already. */
    private static final int MAX_ENTRIES = 50_000;

    private final AccountRepository accounts;
    private final long ttlNanos;
    private final LongSupplier nanoTime = System::nanoTime;
    private final ConcurrentHashMap<String, Cached<Optional<WidgetAccount>>> byKeyHash = new ConcurrentHashMap<>();
    private volatile Cached<Set<String>> knownOrigins;

    AccountDirectory(AccountRepository accounts, ConsentConfig config) {
        this.accounts = accounts;
        this.ttlNanos = config.cache().accountTtl().toNanos();
    }

    /** The account whose widget key this is, if any (active or not: the caller decides). */
    public Optional<WidgetAccount> byWidgetKey(String widgetKey) {
        String hash = Hashes.sha256(widgetKey);
        long now = nanoTime.getAsLong();
        Optional<WidgetAccount> cached = cached(hash, now);
        if (cached != null) {
            return cached;
        }
        Optional<WidgetAccount> account = QuarkusTransaction.joiningExisting()
                .call(() -> accounts.findByWidgetKeySha256(hash).map(AccountDirectory::view));
        if (byKeyHash.size() >= MAX_ENTRIES) {
            byKeyHash.clear();
        }
        byKeyHash.put(hash, new Cached<>(account, now));
        return account;
    }

    /**
     * The answer {@link #byWidgetKey} would give, if it can be given from memory; null when it would
     * have to read the database (so an event-loop caller can move to a worker thread first).
     */
    public Optional<WidgetAccount> cachedByWidgetKey(String widgetKey) {
        return cached(Hashes.sha256(widgetKey), nanoTime.getAsLong());
    }

    // null means "not cached", an empty Optional "no such key"
    private Optional<WidgetAccount> cached(String hash, long now) {
        Cached<Optional<WidgetAccount>> cached = byKeyHash.get(hash);
        return cached != null && now - cached.loadedAt() < ttlNanos ? cached.value() : null;
    }

    /** Whether some active account allows this origin (answers CORS preflights, which carry no key). */
    public boolean isKnownOrigin(String origin) {
        long now = nanoTime.getAsLong();
        Cached<Set<String>> cached = knownOrigins;
        if (cached == null || now - cached.loadedAt() >= ttlNanos) {
            Set<String> origins = new HashSet<>();
            List<Account> active = QuarkusTransaction.joiningExisting().call(() -> accounts.list("status", "ACTIVE"));
            active.forEach(a -> origins.addAll(a.allowedOrigins()));
            cached = new Cached<>(Set.copyOf(origins), now);
            knownOrigins = cached;
        }
        return cached.value().contains(origin);
    }

    /** Forgets every cached answer (an account changed). */
    public void invalidate() {
        byKeyHash.clear();
        knownOrigins = null;
    }

    private static WidgetAccount view(Account account) {
        return new WidgetAccount(account.id(), Set.copyOf(account.allowedOrigins()), account.isActive());
    }
}
