package io.chatprivacy.deletion.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.ArchivedChat;
import io.chatprivacy.deletion.domain.ArchivedTicket;
import io.chatprivacy.deletion.domain.ChatContent;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.domain.TagChange;
import io.chatprivacy.deletion.domain.TicketContent;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.deletion.persistence.VaultStore.DataKeyRow;
import io.chatprivacy.deletion.persistence.VaultStore.ItemRow;
import io.chatprivacy.deletion.persistence.VaultStore.StoredItem;
import io.chatprivacy.platform.ids.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Takes the chat platform's data into the vault, the same way whether it came over Kafka or HTTP:
 * chats and tickets encrypted under a fresh data key each (wrapped by their subject's key), and tag
 * changes.
 *
 * <p>Idempotent: an item is identified by the platform's id within its account, so the same chat sent
 * twice is one chat (its content replaced, its data key kept); an item that was purged is never stored
 * again; a ticket older than the stored version changes nothing.
 */
@ApplicationScoped
public class IngestService {

    /** What happened to one item. */
    public enum ItemResult {
        CREATED,
        UPDATED,
        /** An older version than the one stored. */
        UNCHANGED,
        /** Purged before: not stored again. */
        PURGED
    }

    /** What happened to a tag change. */
    public enum TagResult {
        ADDED,
        REMOVED,
        /** Already so. */
        UNCHANGED,
        /** The target was purged: its tags are gone with it. */
        PURGED
    }

    private static final HexFormat HEX = HexFormat.of();

    private final VaultStore store;
    private final Vault vault;
    private final VaultKeys keys;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Clock clock;

    IngestService(
            VaultStore store, Vault vault, VaultKeys keys, ObjectMapper mapper, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.vault = vault;
        this.keys = keys;
        this.mapper = mapper;
        this.meters = meters;
        this.clock = clock;
    }

    /** Stores or updates chats of one account; the result per platform chat id, in input order. */
    @Transactional
    public Map<String, ItemResult> ingestChats(UUID accountId, List<ArchivedChat> chats) {
        long hashing = System.nanoTime();
        List<Draft> drafts = new ArrayList<>(chats.size());
        for (ArchivedChat chat : chats) {
            drafts.add(new Draft(
                    chat.chatId(),
                    new ChatContent(
                            chat.visitorId(),
                            chat.visitorEmail(),
                            chat.visitorName(),
                            chat.agentIds() == null ? List.of() : chat.agentIds(),
                            chat.messages()),
                    chat.startedAt(),
                    chat.endedAt(),
                    null,
                    null,
                    chat.messages().size(),
                    chat.tagsOrEmpty(),
                    emailIndex(chat.visitorEmail()),
                    visitorIndex(chat.visitorId())));
        }
        return ingest(accountId, ItemType.CHAT, drafts, System.nanoTime() - hashing);
    }

    /** Stores or updates tickets of one account; the result per platform ticket id, in input order. */
    @Transactional
    public Map<String, ItemResult> ingestTickets(UUID accountId, List<ArchivedTicket> tickets) {
        long hashing = System.nanoTime();
        List<Draft> drafts = new ArrayList<>(tickets.size());
        for (ArchivedTicket ticket : tickets) {
            drafts.add(new Draft(
                    ticket.ticketId(),
                    new TicketContent(
                            ticket.visitorId(),
                            ticket.requesterEmail(),
                            ticket.requesterName(),
                            ticket.subject(),
                            ticket.chatIds() == null ? List.of() : ticket.chatIds(),
                            ticket.messages()),
                    ticket.createdAt(),
                    null,
                    ticket.updatedAt(),
                    ticket.status(),
                    ticket.messages().size(),
                    ticket.tagsOrEmpty(),
                    emailIndex(ticket.requesterEmail()),
                    visitorIndex(ticket.visitorId())));
        }
        return ingest(accountId, ItemType.TICKET, drafts, System.nanoTime() - hashing);
    }

    /** Applies a tag change; the target need not be stored yet (it will carry the tag when it arrives). */
    @Transactional
    public TagResult changeTag(UUID accountId, TagChange change) {
        store.lockAccount(accountId);
        if (!store.purgedIds(accountId, change.targetType(), List.of(change.targetId()))
                .isEmpty()) {
            count(change.targetType(), "tag_ignored_purged");
            return TagResult.PURGED;
        }
        if (change.added()) {
            store.addTags(
                    accountId,
                    change.targetType(),
                    List.<String[]>of(new String[] {change.targetId(), change.tag()}),
                    now());
            count(change.targetType(), "tag_added");
            return TagResult.ADDED;
        }
        boolean removed = store.removeTag(accountId, change.targetType(), change.targetId(), change.tag());
        count(change.targetType(), "tag_removed");
        return removed ? TagResult.REMOVED : TagResult.UNCHANGED;
    }

    /**
     * @param hashingNanos the time spent making the drafts (their blind indexes), counted as crypto work
     */
    private Map<String, ItemResult> ingest(UUID accountId, ItemType type, List<Draft> input, long hashingNanos) {
        Instant now = now();
        store.lockAccount(accountId);
        Map<String, Draft> drafts = new LinkedHashMap<>();
        for (Draft draft : input) {
            drafts.put(draft.externalId(), draft); // the last version of an item in one batch wins
        }
        Map<String, ItemResult> results = new LinkedHashMap<>();
        for (String purged : store.purgedIds(accountId, type, drafts.keySet())) {
            results.put(purged, ItemResult.PURGED);
            drafts.remove(purged);
        }
        Map<String, StoredItem> existing = store.existing(accountId, type, drafts.keySet());

        List<Draft> fresh = new ArrayList<>();
        List<Draft> changed = new ArrayList<>();
        for (Draft draft : drafts.values()) {
            StoredItem stored = existing.get(draft.externalId());
            if (stored == null) {
                fresh.add(draft);
            } else if (stored.sourceUpdatedAt() != null
                    && draft.sourceUpdatedAt() != null
                    && draft.sourceUpdatedAt().isBefore(stored.sourceUpdatedAt())) {
                results.put(draft.externalId(), ItemResult.UNCHANGED);
            } else {
                changed.add(draft);
            }
        }
        long crypto = hashingNanos;
        crypto += storeFresh(accountId, type, fresh, now, results);
        crypto += storeChanged(accountId, type, changed, existing, now, results);
        // per batch; with the vault.ingest counters it gives the crypto work per item (benchmarks/README.md)
        meters.timer("vault.ingest.crypto", "type", type.name().toLowerCase(Locale.ROOT))
                .record(crypto, TimeUnit.NANOSECONDS);

        for (ItemResult result : results.values()) {
            count(type, result.name().toLowerCase(Locale.ROOT));
        }
        Map<String, ItemResult> ordered = new LinkedHashMap<>();
        for (Draft draft : input) {
            ordered.put(draft.externalId(), results.get(draft.externalId()));
        }
        return ordered;
    }

    /** @return the nanoseconds spent on crypto work (keys, JSON, sealing), without the database's */
    private long storeFresh(
            UUID accountId, ItemType type, List<Draft> fresh, Instant now, Map<String, ItemResult> results) {
        if (fresh.isEmpty()) {
            return 0;
        }
        List<String> refs = new ArrayList<>(fresh.size()); // each draft's subject, in the drafts' order
        for (Draft draft : fresh) {
            refs.add(subjectRef(type, draft));
        }
        Map<String, Vault.SubjectKey> subjects = vault.subjectKeys(accountId, new LinkedHashSet<>(refs), now);
        List<DataKeyRow> dataKeys = new ArrayList<>(fresh.size());
        List<ItemRow> rows = new ArrayList<>(fresh.size());
        List<String[]> tags = new ArrayList<>();
        long sealing = System.nanoTime();
        for (int i = 0; i < fresh.size(); i++) {
            Draft draft = fresh.get(i);
            UUID id = Ids.timeOrdered(now.toEpochMilli()); // time-ordered: the indexes grow at one edge
            Vault.NewDataKey dataKey = vault.newDataKey(id, subjects.get(refs.get(i)));
            dataKeys.add(dataKey.row());
            rows.add(row(accountId, id, type, draft, dataKey.key()));
            for (String tag : draft.tags()) {
                tags.add(new String[] {draft.externalId(), tag});
            }
            results.put(draft.externalId(), ItemResult.CREATED);
        }
        sealing = System.nanoTime() - sealing;
        store.insertDataKeys(dataKeys);
        store.insertItems(type, rows, now);
        store.addTags(accountId, type, tags, now);
        return sealing;
    }

    /** @return the nanoseconds spent on crypto work (JSON, sealing), without the database's */
    private long storeChanged(
            UUID accountId,
            ItemType type,
            List<Draft> changed,
            Map<String, StoredItem> existing,
            Instant now,
            Map<String, ItemResult> results) {
        if (changed.isEmpty()) {
            return 0;
        }
        List<UUID> ids =
                changed.stream().map(d -> existing.get(d.externalId()).id()).toList();
        Map<UUID, byte[]> dataKeys = vault.dataKeys(ids);
        List<ItemRow> rows = new ArrayList<>(changed.size());
        long sealing = System.nanoTime();
        for (Draft draft : changed) {
            UUID id = existing.get(draft.externalId()).id();
            byte[] dataKey = dataKeys.get(id);
            if (dataKey == null) {
                // crypto-erased by a purge whose chunks have not reached it yet: as good as purged
                results.put(draft.externalId(), ItemResult.PURGED);
                continue;
            }
            rows.add(row(accountId, id, type, draft, dataKey));
            results.put(draft.externalId(), ItemResult.UPDATED);
        }
        sealing = System.nanoTime() - sealing;
        store.updateItems(type, rows, now);
        return sealing;
    }

    private ItemRow row(UUID accountId, UUID id, ItemType type, Draft draft, byte[] dataKey) {
        String json;
        try {
            json = mapper.writeValueAsString(draft.content());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the content of " + type + " " + id, e);
        }
        return new ItemRow(
                id,
                accountId,
                draft.externalId(),
                draft.emailIndex(),
                draft.visitorIndex(),
                vault.seal(type, id, dataKey, json),
                draft.startedOrCreatedAt(),
                draft.endedAt(),
                draft.sourceUpdatedAt(),
                draft.status(),
                draft.messageCount());
    }

    /**
     * Who the item is about: the email address when there is one (it follows a person across visits),
     * else the visitor id, else (a ticket with neither) the ticket itself.
     */
    private String subjectRef(ItemType type, Draft draft) {
        byte[] ref;
        if (draft.emailIndex() != null) {
            ref = draft.emailIndex();
        } else if (draft.visitorIndex() != null) {
            ref = draft.visitorIndex();
        } else {
            ref = keys.subjectIndex(type.name(), draft.externalId());
        }
        return HEX.formatHex(ref);
    }

    /** Each address is hashed once per ingest (it serves as the item's index and its subject's reference). */
    private byte[] emailIndex(String email) {
        return email == null ? null : keys.emailIndex(email);
    }

    private byte[] visitorIndex(String visitorId) {
        return visitorId == null ? null : keys.visitorIndex(visitorId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private void count(ItemType type, String outcome) {
        meters.counter("vault.ingest", "type", type.name().toLowerCase(Locale.ROOT), "outcome", outcome)
                .increment();
    }

    private record Draft(
            String externalId,
            Object content,
            Instant startedOrCreatedAt,
            Instant endedAt,
            Instant sourceUpdatedAt,
            String status,
            int messageCount,
            List<String> tags,
            byte[] emailIndex,
            byte[] visitorIndex) {}
}
