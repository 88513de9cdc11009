package io.chatprivacy.consent.service;

import io.chatprivacy.consent.config.ConsentConfig;
import io.chatprivacy.consent.domain.FormDefinition;
import io.chatprivacy.consent.domain.FormVersion;
import io.chatprivacy.consent.domain.PublishedForm;
import io.chatprivacy.consent.persistence.FormVersionRepository;
import io.chatprivacy.consent.persistence.Locks;
import io.chatprivacy.platform.tx.AfterCommit;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes pre-chat forms as immutable versions and serves them. A version never changes, so it is
 * cached for good once read; which version is current is cached only briefly for the widget, and
 * read fresh wherever a decision depends on it (the chat gate).
 */
@ApplicationScoped
public class FormService {

    /** The outcome of publishing: the current version, and whether this call created it. */
    public record Publication(PublishedForm form, boolean created) {}

    private record VersionKey(UUID accountId, int version) {}

    private record Current(Optional<PublishedForm> form, long loadedAt) {}

    /** The after-commit drop of an account's cached current version. */
    private record CurrentOf(UUID accountId) {}

    private static final int MAX_CACHED_VERSIONS = 20_000;

    private final FormVersionRepository forms;
    private final Locks locks;
    private final AfterCommit afterCommit;
    private final Clock clock;
    private final long currentTtlNanos;
    private final ConcurrentHashMap<VersionKey, PublishedForm> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UUID, Current> current = new ConcurrentHashMap<>();

    FormService(FormVersionRepository forms, Locks locks, AfterCommit afterCommit, Clock clock, ConsentConfig config) {
        this.forms = forms;
        this.locks = locks;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.currentTtlNanos = config.cache().currentFormTtl().toNanos();
    }

    /**
     * Publishes the definition as the account's next version, unless it equals the current one
     * (then the current version is the answer and nothing is written).
     */
    @Transactional
    public Publication publish(UUID accountId, FormDefinition definition, String publishedBy) {
        // one publisher per account at a time, so version numbers never collide
        locks.lock(accountId);
        Optional<FormVersion> latest = forms.latest(accountId);
        if (latest.isPresent() && latest.get().contentSha256().equals(definition.contentSha256())) {
            return new Publication(latest.get().toPublished(), false);
        }
        int next = latest.map(f -> f.version() + 1).orElse(1);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        FormVersion version = FormVersion.publish(accountId, next, definition, publishedBy, now);
        forms.persist(version);
        afterCommit.run(new CurrentOf(accountId), () -> current.remove(accountId));
        return new Publication(version.toPublished(), true);
    }

    /** A version of the account's form (old versions stay readable forever: they are proof). */
    public Optional<PublishedForm> version(UUID accountId, int version) {
        VersionKey key = new VersionKey(accountId, version);
        PublishedForm cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<PublishedForm> loaded = QuarkusTransaction.joiningExisting()
                .call(() -> forms.findVersion(accountId, version).map(FormVersion::toPublished));
        loaded.ifPresent(form -> {
            if (versions.size() >= MAX_CACHED_VERSIONS) {
                versions.clear();
            }
            versions.put(key, form);
        });
        return loaded;
    }

    /** A version if it is in memory already (versions never change), without touching the database. */
    public Optional<PublishedForm> cachedVersion(UUID accountId, int version) {
        return Optional.ofNullable(versions.get(new VersionKey(accountId, version)));
    }

    /** The current version as the widget sees it: possibly up to {@code consent.cache.current-form-ttl} old. */
    public Optional<PublishedForm> currentForWidget(UUID accountId) {
        long now = System.nanoTime();
        Current cached = current.get(accountId);
        if (cached != null && now - cached.loadedAt() < currentTtlNanos) {
            return cached.form();
        }
        Optional<PublishedForm> form = current(accountId);
        current.put(accountId, new Current(form, now));
        return form;
    }

    /** The current version, read fresh. */
    public Optional<PublishedForm> current(UUID accountId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> forms.latest(accountId).map(FormVersion::toPublished));
    }

    /** Every version, newest first. */
    public List<PublishedForm> all(UUID accountId) {
        return QuarkusTransaction.joiningExisting()
                .call(() -> forms.allOf(accountId).stream()
                        .map(FormVersion::toPublished)
                        .toList());
    }
}
