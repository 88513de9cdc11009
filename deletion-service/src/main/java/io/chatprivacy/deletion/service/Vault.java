package io.chatprivacy.deletion.service;

import io.chatprivacy.deletion.crypto.Aead;
import io.chatprivacy.deletion.crypto.UnreadableException;
import io.chatprivacy.deletion.crypto.VaultKeys;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.persistence.VaultStore;
import io.chatprivacy.deletion.persistence.VaultStore.DataKeyRow;
import io.chatprivacy.deletion.persistence.VaultStore.SubjectKeyRow;
import io.chatprivacy.platform.ids.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The key hierarchy at work: seals an item's content under its own data key, wraps that key with the
 * data subject's key, wraps the subject key with the master key; and opens content only through the
 * live key rows, so an item whose key was destroyed is unreadable wherever a copy of it survives.
 *
 * <p>Keys are never cached: destroying a key row takes effect on the next read.
 */
@ApplicationScoped
public class Vault {

    private final VaultStore store;
    private final VaultKeys keys;

    Vault(VaultStore store, VaultKeys keys) {
        this.store = store;
        this.keys = keys;
    }

    /** A subject key ready for use. */
    public record SubjectKey(UUID id, byte[] key) {}

    /** A new data key for an item, and its wrapped form to store. */
    public record NewDataKey(byte[] key, DataKeyRow row) {}

    /** An item's live data key, unwrapped, with the subject key that wraps it. */
    public record LiveDataKey(UUID subjectKeyId, byte[] key) {}

    /**
     * The unwrapped keys of these subjects (blind indexes in hex) of the account, creating the missing
     * ones. Runs in the caller's transaction, which holds the keys share-locked until it ends.
     */
    public Map<String, SubjectKey> subjectKeys(UUID accountId, Collection<String> refsHex, Instant now) {
        Map<String, SubjectKeyRow> stored = store.subjectKeys(accountId, refsHex);
        List<String> missing = refsHex.stream()
                .distinct()
                .filter(ref -> !stored.containsKey(ref))
                .toList();
        if (!missing.isEmpty()) {
            List<SubjectKeyRow> created = new ArrayList<>(missing.size());
            for (String ref : missing) {
                UUID id = Ids.timeOrdered(now.toEpochMilli());
                byte[] key = Aead.newKey();
                created.add(new SubjectKeyRow(
                        id, accountId, HexFormat.of().parseHex(ref), keys.wrapSubjectKey(id, accountId, key)));
            }
            store.insertSubjectKeys(created, now);
            // re-read: a concurrent transaction may have created some of them first, and the read locks them
            stored.putAll(store.subjectKeys(accountId, missing));
        }
        Map<String, SubjectKey> result = new HashMap<>();
        for (Map.Entry<String, SubjectKeyRow> entry : stored.entrySet()) {
            SubjectKeyRow row = entry.getValue();
            result.put(
                    entry.getKey(),
                    new SubjectKey(row.id(), keys.unwrapSubjectKey(row.id(), accountId, row.wrappedKey())));
        }
        return result;
    }

    /** A fresh data key for an item, wrapped by its subject's key. */
    public NewDataKey newDataKey(UUID itemId, SubjectKey subject) {
        byte[] key = Aead.newKey();
        byte[] wrapped = Aead.seal(subject.key(), key, dataKeyAad(itemId));
        return new NewDataKey(key, new DataKeyRow(itemId, subject.id(), wrapped, null, null));
    }

    /** The live data keys of these items, unwrapped; an item whose key was destroyed is absent. */
    public Map<UUID, byte[]> dataKeys(Collection<UUID> itemIds) {
        Map<UUID, byte[]> result = new HashMap<>();
        for (DataKeyRow row : store.dataKeys(itemIds).values()) {
            result.put(row.itemId(), unwrap(row));
        }
        return result;
    }

    /** Like {@link #dataKeys}, with the subject key each one is wrapped by. */
    public Map<UUID, LiveDataKey> liveDataKeys(Collection<UUID> itemIds) {
        Map<UUID, LiveDataKey> result = new HashMap<>();
        for (DataKeyRow row : store.dataKeys(itemIds).values()) {
            result.put(row.itemId(), new LiveDataKey(row.subjectKeyId(), unwrap(row)));
        }
        return result;
    }

    /**
     * Wraps an item's existing data key under another subject's key (the item now belongs to that
     * subject). The content stays sealed under the same data key; only the wrapper moves.
     */
    public DataKeyRow rewrap(UUID itemId, byte[] dataKey, SubjectKey subject) {
        return new DataKeyRow(itemId, subject.id(), Aead.seal(subject.key(), dataKey, dataKeyAad(itemId)), null, null);
    }

    public byte[] seal(ItemType type, UUID itemId, byte[] dataKey, String json) {
        return Aead.seal(dataKey, json.getBytes(StandardCharsets.UTF_8), contentAad(type, itemId));
    }

    /**
     * Opens an item's content (from the live table, a backup or a dump) through the live key store.
     *
     * @throws UnreadableException when the item's data key or its subject's key has been destroyed
     */
    public String open(ItemType type, UUID itemId, byte[] content) {
        DataKeyRow row = store.dataKeys(List.of(itemId)).get(itemId);
        if (row == null) {
            throw new UnreadableException("the data key of " + type + " " + itemId + " was destroyed");
        }
        return new String(Aead.open(unwrap(row), content, contentAad(type, itemId)), StandardCharsets.UTF_8);
    }

    /** Opens an item's content with its data key, unwrapped before through the live key rows. */
    public String open(ItemType type, UUID itemId, byte[] dataKey, byte[] content) {
        return new String(Aead.open(dataKey, content, contentAad(type, itemId)), StandardCharsets.UTF_8);
    }

    /**
     * Opens content with a data key taken from a copy (a dump of the key table), which still needs the
     * live key of its subject.
     *
     * @throws UnreadableException when that subject's key has been destroyed
     */
    public String openWithCopiedKey(
            ItemType type, UUID itemId, UUID subjectKeyId, byte[] wrappedDataKey, byte[] content) {
        SubjectKeyRow subject = store.subjectKey(subjectKeyId)
                .orElseThrow(() -> new UnreadableException("subject key " + subjectKeyId + " was destroyed"));
        byte[] subjectKey = keys.unwrapSubjectKey(subject.id(), subject.accountId(), subject.wrappedKey());
        byte[] dataKey = Aead.open(subjectKey, wrappedDataKey, dataKeyAad(itemId));
        return new String(Aead.open(dataKey, content, contentAad(type, itemId)), StandardCharsets.UTF_8);
    }

    private byte[] unwrap(DataKeyRow row) {
        byte[] subjectKey = keys.unwrapSubjectKey(row.subjectKeyId(), row.subjectAccountId(), row.wrappedSubjectKey());
        return Aead.open(subjectKey, row.wrappedKey(), dataKeyAad(row.itemId()));
    }

    private static byte[] dataKeyAad(UUID itemId) {
        return ("data-key|" + itemId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] contentAad(ItemType type, UUID itemId) {
        return (type.name() + "|" + itemId).getBytes(StandardCharsets.UTF_8);
    }
}
