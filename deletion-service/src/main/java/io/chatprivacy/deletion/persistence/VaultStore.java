package io.chatprivacy.deletion.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.domain.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The vault's tables (keys, chats, tickets, tags, tombstones) in plain JDBC on the transaction's
 * connection. Ingest writes whole batches with a handful of statements instead of one entity at a
 * time, which is what keeps a 100,000-chat archive from taking minutes.
 *
 * <p>Every method must run inside a transaction (the caller's).
 */
@ApplicationScoped
public class VaultStore {

    private static final HexFormat HEX = HexFormat.of();
    /** Namespace of this service's advisory locks on accounts. */
    private static final int ACCOUNT_LOCK_SPACE = 0x76_61_75_6c;

    private final AgroalDataSource dataSource;

    VaultStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A subject key as stored. */
    public record SubjectKeyRow(UUID id, UUID accountId, byte[] subjectRef, byte[] wrappedKey) {

        public String refHex() {
            return HEX.formatHex(subjectRef);
        }
    }

    /** An item's data key as stored, with the wrapped key of its subject. */
    public record DataKeyRow(
            UUID itemId, UUID subjectKeyId, byte[] wrappedKey, UUID subjectAccountId, byte[] wrappedSubjectKey) {}

    /** The stored identity of an item: its id and (tickets) the platform's last change. */
    public record StoredItem(UUID id, String externalId, Instant sourceUpdatedAt) {}

    /** A chat or ticket row to write; the plain columns that do not apply to a type are ignored. */
    public record ItemRow(
            UUID id,
            UUID accountId,
            String externalId,
            byte[] emailIndex,
            byte[] visitorIndex,
            byte[] content,
            Instant startedOrCreatedAt,
            Instant endedAt,
            Instant sourceUpdatedAt,
            String status,
            int messageCount) {}

    /** An item as read back (content still sealed). */
    public record ItemRecord(
            UUID id,
            String externalId,
            byte[] content,
            Instant startedOrCreatedAt,
            Instant endedAt,
            String status,
            int messageCount,
            boolean legalHold,
            List<String> tags) {}

    /** A line of a listing: no personal data, nothing to decrypt. */
    public record ItemSummary(
            String externalId,
            Instant startedOrCreatedAt,
            Instant endedAt,
            String status,
            int messageCount,
            boolean legalHold,
            List<String> tags) {}

    /** Serialises writes to one account's vault (ingest, tag changes, purge chunks) until the transaction ends. */
    public void lockAccount(UUID accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select pg_advisory_xact_lock(?, ?)")) {
            s.setInt(1, ACCOUNT_LOCK_SPACE);
            s.setInt(2, accountId.hashCode());
            s.execute();
        } catch (SQLException e) {
            throw new VaultStoreException("cannot lock account", e);
        }
    }

    /** Which of these platform ids were purged before (their tombstones exist). */
    public Set<String> purgedIds(UUID accountId, ItemType type, Collection<String> externalIds) {
        Set<String> purged = new HashSet<>();
        if (externalIds.isEmpty()) {
            return purged;
        }
        String sql = "select x from unnest(?::text[]) x where exists (select 1 from purged_item p"
                + " where p.account_id = ? and p.item_type = ?"
                + " and p.id_hash = sha256(convert_to(? || ':' || x, 'UTF8')))";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", externalIds.toArray()));
            s.setObject(2, accountId);
            s.setString(3, type.name());
            s.setString(4, type.name());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    purged.add(r.getString(1));
                }
            }
            return purged;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read tombstones", e);
        }
    }

    /** Stored items with these platform ids, locked until the transaction ends. */
    public Map<String, StoredItem> existing(UUID accountId, ItemType type, Collection<String> externalIds) {
        Map<String, StoredItem> found = new HashMap<>();
        if (externalIds.isEmpty()) {
            return found;
        }
        String updated = type == ItemType.TICKET ? "source_updated_at" : "null::timestamptz";
        String sql = "select id, external_id, " + updated + " from " + table(type)
                + " where account_id = ? and external_id = any(?) for update";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            s.setArray(2, c.createArrayOf("text", externalIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    found.put(
                            r.getString(2), new StoredItem(r.getObject(1, UUID.class), r.getString(2), instant(r, 3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read items", e);
        }
    }

    /**
     * The account's subject keys for these blind indexes, share-locked so that a purge cannot destroy
     * one while this transaction gives it a new item. Keyed by the index in hex.
     */
    public Map<String, SubjectKeyRow> subjectKeys(UUID accountId, Collection<String> refsHex) {
        Map<String, SubjectKeyRow> found = new HashMap<>();
        if (refsHex.isEmpty()) {
            return found;
        }
        String sql = "select id, subject_ref, wrapped_key from subject_key where account_id = ?"
                + " and subject_ref = any(select decode(x, 'hex') from unnest(?::text[]) x) for key share";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            s.setArray(2, c.createArrayOf("text", refsHex.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    SubjectKeyRow row =
                            new SubjectKeyRow(r.getObject(1, UUID.class), accountId, r.getBytes(2), r.getBytes(3));
                    found.put(row.refHex(), row);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read subject keys", e);
        }
    }

    /** Inserts new subject keys; one that another transaction created first is left as it is. */
    public void insertSubjectKeys(List<SubjectKeyRow> rows, Instant now) {
        String sql = "insert into subject_key (id, account_id, subject_ref, wrapped_key, created_at)"
                + " values (?, ?, ?, ?, ?) on conflict (account_id, subject_ref) do nothing";
        JdbcBatch.execute(dataSource, sql, rows, "cannot store subject keys", (s, row) -> {
            s.setObject(1, row.id());
            s.setObject(2, row.accountId());
            s.setBytes(3, row.subjectRef());
            s.setBytes(4, row.wrappedKey());
            s.setObject(5, offset(now));
        });
    }

    public void insertDataKeys(List<DataKeyRow> rows) {
        String sql = "insert into data_key (id, subject_key_id, wrapped_key) values (?, ?, ?)";
        JdbcBatch.execute(dataSource, sql, rows, "cannot store data keys", (s, row) -> {
            s.setObject(1, row.itemId());
            s.setObject(2, row.subjectKeyId());
            s.setBytes(3, row.wrappedKey());
        });
    }

    /** The live data keys of these items (absent: destroyed, or never existed). */
    public Map<UUID, DataKeyRow> dataKeys(Collection<UUID> itemIds) {
        Map<UUID, DataKeyRow> found = new HashMap<>();
        if (itemIds.isEmpty()) {
            return found;
        }
        String sql = "select d.id, d.subject_key_id, d.wrapped_key, s.account_id, s.wrapped_key"
                + " from data_key d join subject_key s on s.id = d.subject_key_id where d.id = any(?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("uuid", itemIds.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    DataKeyRow row = new DataKeyRow(
                            r.getObject(1, UUID.class),
                            r.getObject(2, UUID.class),
                            r.getBytes(3),
                            r.getObject(4, UUID.class),
                            r.getBytes(5));
                    found.put(row.itemId(), row);
                }
            }
            return found;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read data keys", e);
        }
    }

    /** A live subject key by id. */
    public Optional<SubjectKeyRow> subjectKey(UUID subjectKeyId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select account_id, subject_ref, wrapped_key from subject_key where id = ?")) {
            s.setObject(1, subjectKeyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(
                        new SubjectKeyRow(subjectKeyId, r.getObject(1, UUID.class), r.getBytes(2), r.getBytes(3)));
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read subject key", e);
        }
    }

    public void insertItems(ItemType type, List<ItemRow> rows, Instant now) {
        String sql = type == ItemType.CHAT
                ? "insert into chat (id, account_id, external_id, email_index, visitor_index, content, started_at,"
                        + " ended_at, message_count, ingested_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "insert into ticket (id, account_id, external_id, email_index, visitor_index, content, created_at,"
                        + " source_updated_at, status, message_count, ingested_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        JdbcBatch.execute(dataSource, sql, rows, "cannot store " + table(type) + "s", (s, row) -> {
            s.setObject(1, row.id());
            s.setObject(2, row.accountId());
            s.setString(3, row.externalId());
            int i = bindItemColumns(s, 4, type, row);
            s.setObject(i++, offset(now));
            s.setObject(i, offset(now));
        });
    }

    /** Replaces the content and plain columns of stored items (same id, same data key). */
    public void updateItems(ItemType type, List<ItemRow> rows, Instant now) {
        String sql = type == ItemType.CHAT
                ? "update chat set email_index = ?, visitor_index = ?, content = ?, started_at = ?, ended_at = ?,"
                        + " message_count = ?, updated_at = ? where id = ?"
                : "update ticket set email_index = ?, visitor_index = ?, content = ?, created_at = ?,"
                        + " source_updated_at = ?, status = ?, message_count = ?, updated_at = ? where id = ?";
        JdbcBatch.execute(dataSource, sql, rows, "cannot update " + table(type) + "s", (s, row) -> {
            int i = bindItemColumns(s, 1, type, row);
            s.setObject(i++, offset(now));
            s.setObject(i, row.id());
        });
    }

    /**
     * Binds the item columns that insert and update share, in their order (indexes, content, start or
     * creation, then end for a chat or platform change and status for a ticket, message count), from
     * {@code i}; returns the next index.
     */
    private static int bindItemColumns(PreparedStatement s, int i, ItemType type, ItemRow row) throws SQLException {
        setBytes(s, i++, row.emailIndex());
        setBytes(s, i++, row.visitorIndex());
        s.setBytes(i++, row.content());
        s.setObject(i++, offset(row.startedOrCreatedAt()));
        if (type == ItemType.CHAT) {
            s.setObject(i++, offset(row.endedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            s.setObject(i++, offset(row.sourceUpdatedAt()));
            s.setString(i++, row.status());
        }
        s.setInt(i++, row.messageCount());
        return i;
    }

    /** Adds tags ({@code [externalId, tag]} pairs); a tag already there keeps its original time. */
    public void addTags(UUID accountId, ItemType type, List<String[]> pairs, Instant now) {
        String sql = "insert into item_tag (account_id, item_type, external_id, tag, tagged_at)"
                + " values (?, ?, ?, ?, ?) on conflict do nothing";
        JdbcBatch.execute(dataSource, sql, pairs, "cannot store tags", (s, pair) -> {
            s.setObject(1, accountId);
            s.setString(2, type.name());
            s.setString(3, pair[0]);
            s.setString(4, pair[1]);
            s.setObject(5, offset(now));
        });
    }

    public boolean removeTag(UUID accountId, ItemType type, String externalId, String tag) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from item_tag where account_id = ? and item_type = ?"
                        + " and external_id = ? and tag = ?")) {
            s.setObject(1, accountId);
            s.setString(2, type.name());
            s.setString(3, externalId);
            s.setString(4, tag);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot remove tag", e);
        }
    }

    /** One page of an account's items, optionally only those carrying a tag, ordered by platform id. */
    public List<ItemSummary> list(UUID accountId, ItemType type, String tag, String after, int limit) {
        String started = type == ItemType.CHAT ? "i.started_at" : "i.created_at";
        String ended = type == ItemType.CHAT ? "i.ended_at" : "i.source_updated_at";
        String status = type == ItemType.CHAT ? "null::varchar" : "i.status";
        StringBuilder sql = new StringBuilder("select i.external_id, ")
                .append(started)
                .append(", ")
                .append(ended)
                .append(", ")
                .append(status)
                .append(", i.message_count, i.legal_hold")
                .append(", array(select t.tag from item_tag t where t.account_id = i.account_id and t.item_type = ?"
                        + " and t.external_id = i.external_id order by t.tag) from ")
                .append(table(type))
                .append(" i where i.account_id = ?")
                .append(READABLE);
        if (tag != null) {
            sql.append(" and exists (select 1 from item_tag f where f.account_id = i.account_id and f.item_type = ?"
                    + " and f.external_id = i.external_id and f.tag = ?)");
        }
        if (after != null) {
            sql.append(" and i.external_id > ?");
        }
        sql.append(" order by i.external_id limit ?");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setString(i++, type.name());
            s.setObject(i++, accountId);
            if (tag != null) {
                s.setString(i++, type.name());
                s.setString(i++, tag);
            }
            if (after != null) {
                s.setString(i++, after);
            }
            s.setInt(i, limit);
            List<ItemSummary> page = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    page.add(new ItemSummary(
                            r.getString(1),
                            instant(r, 2),
                            instant(r, 3),
                            r.getString(4),
                            r.getInt(5),
                            r.getBoolean(6),
                            List.of((String[]) r.getArray(7).getArray())));
                }
            }
            return page;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot list " + table(type) + "s", e);
        }
    }

    /** How many of an account's items carry a tag: those a purge would delete, and those under a legal hold. */
    public record TagCount(long deletable, long held) {}

    /** Counts an account's items of one type that carry {@code tag}, apart by legal hold. */
    public TagCount countTagged(UUID accountId, ItemType type, String tag) {
        String sql = "select count(*) filter (where not i.legal_hold), count(*) filter (where i.legal_hold) from "
                + table(type) + " i where i.account_id = ? and exists (select 1 from item_tag f"
                + " where f.account_id = i.account_id and f.item_type = ? and f.external_id = i.external_id"
                + " and f.tag = ?)" + READABLE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            s.setString(2, type.name());
            s.setString(3, tag);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return new TagCount(r.getLong(1), r.getLong(2));
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot count tagged " + table(type) + "s", e);
        }
    }

    /** One item with its sealed content and tags. */
    public Optional<ItemRecord> find(UUID accountId, ItemType type, String externalId) {
        String started = type == ItemType.CHAT ? "started_at" : "created_at";
        String ended = type == ItemType.CHAT ? "ended_at" : "source_updated_at";
        String status = type == ItemType.CHAT ? "null::varchar" : "status";
        String sql = "select id, external_id, content, " + started + ", " + ended + ", " + status + ", message_count, "
                + "legal_hold, array(select t.tag from item_tag t where t.account_id = i.account_id and t.item_type = ?"
                + " and t.external_id = i.external_id order by t.tag) from " + table(type)
                + " i where account_id = ? and external_id = ?" + READABLE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, type.name());
            s.setObject(2, accountId);
            s.setString(3, externalId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(new ItemRecord(
                        r.getObject(1, UUID.class),
                        r.getString(2),
                        r.getBytes(3),
                        instant(r, 4),
                        instant(r, 5),
                        r.getString(6),
                        r.getInt(7),
                        r.getBoolean(8),
                        List.of((String[]) r.getArray(9).getArray())));
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read " + table(type), e);
        }
    }

    /** Sets or lifts a chat's or ticket's legal hold; false if the account has no such item. */
    public boolean setLegalHold(UUID accountId, ItemType type, String externalId, boolean hold, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("update " + table(type)
                        + " i set legal_hold = ?, updated_at = ? where account_id = ? and external_id = ?"
                        + READABLE)) {
            s.setBoolean(1, hold);
            s.setObject(2, offset(now));
            s.setObject(3, accountId);
            s.setString(4, externalId);
            return s.executeUpdate() > 0;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot change legal hold", e);
        }
    }

    /**
     * Keeps to the items that can still be read: an item whose data key was destroyed (a purge's
     * crypto-erasure, before its rows are deleted) is treated like one already purged. For an item aliased
     * {@code i}.
     */
    static final String READABLE = " and exists (select 1 from data_key k where k.id = i.id)";

    static String table(ItemType type) {
        return type == ItemType.CHAT ? "chat" : "ticket";
    }

    static OffsetDateTime offset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static void setBytes(PreparedStatement s, int index, byte[] value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BINARY);
        } else {
            s.setBytes(index, value);
        }
    }
}
