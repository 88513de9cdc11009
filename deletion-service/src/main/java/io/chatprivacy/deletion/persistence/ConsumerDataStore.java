package io.chatprivacy.deletion.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.domain.ConsumerMatch;
import io.chatprivacy.deletion.domain.ItemType;
import io.chatprivacy.deletion.persistence.VaultStore.DataKeyRow;
import io.chatprivacy.deletion.persistence.VaultStore.ItemRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * One consumer's items in set-based SQL, for ACCESS exports and corrections: snapshots an export with
 * one statement per item type, reads an export back in its stable order, finds the items a correction
 * matches and writes the corrections as batches. Every query is scoped by account id.
 *
 * <p>Every method must run inside a transaction (the caller's).
 */
@ApplicationScoped
public class ConsumerDataStore {

    private final AgroalDataSource dataSource;

    ConsumerDataStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** An item a correction matched, content still sealed. */
    public record MatchedItem(UUID id, String externalId, byte[] emailIndex, byte[] content) {}

    /** A corrected item to write back: its new email index (or the old one) and its re-sealed content. */
    public record CorrectedItem(UUID id, byte[] emailIndex, byte[] content) {}

    /**
     * Records the consumer's items of one type collected at or after {@code coversFrom} (a chat by its start, a
     * ticket by its creation) in the export; returns how many.
     */
    public int snapshot(UUID exportId, UUID accountId, ItemType type, ConsumerMatch match, Instant coversFrom) {
        Where where = where(match);
        String collected = type == ItemType.CHAT ? "i.started_at" : "i.created_at";
        String sql = "insert into data_export_item (export_id, item_type, item_id) select ?, ?, i.id from "
                + VaultStore.table(type) + " i where i.account_id = ? and " + collected + " >= ? and " + where.sql
                + VaultStore.READABLE;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, exportId);
            s.setString(2, type.name());
            s.setObject(3, accountId);
            s.setObject(4, VaultStore.offset(coversFrom));
            where.bind(s, 5);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new VaultStoreException("cannot snapshot an export", e);
        }
    }

    /**
     * The export's items of one type that are still in the vault and readable (a purged or crypto-erased
     * one is gone), content sealed:
     * chats by start time, tickets by creation time, then by platform id.
     */
    public List<ItemRecord> exported(UUID exportId, UUID accountId, ItemType type) {
        boolean chat = type == ItemType.CHAT;
        String started = chat ? "i.started_at" : "i.created_at";
        String sql = "select i.id, i.external_id, i.content, " + started + ", "
                + (chat ? "i.ended_at" : "i.source_updated_at") + ", " + (chat ? "null::varchar" : "i.status")
                + ", i.message_count, i.legal_hold"
                + " from data_export_item e join " + VaultStore.table(type)
                + " i on i.id = e.item_id and i.account_id = ? where e.export_id = ? and e.item_type = ?"
                + VaultStore.READABLE
                + " order by " + started + ", i.external_id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            s.setObject(2, exportId);
            s.setString(3, type.name());
            List<ItemRecord> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(new ItemRecord(
                            r.getObject(1, UUID.class),
                            r.getString(2),
                            r.getBytes(3),
                            instant(r, 4),
                            instant(r, 5),
                            r.getString(6),
                            r.getInt(7),
                            r.getBoolean(8),
                            List.of()));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read an export", e);
        }
    }

    /** The consumer's items of one type, locked until the transaction ends. */
    public List<MatchedItem> matching(UUID accountId, ItemType type, ConsumerMatch match) {
        Where where = where(match);
        String sql = "select i.id, i.external_id, i.email_index, i.content from " + VaultStore.table(type)
                + " i where i.account_id = ? and " + where.sql + VaultStore.READABLE
                + " order by i.external_id for update";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            where.bind(s, 2);
            List<MatchedItem> items = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    items.add(
                            new MatchedItem(r.getObject(1, UUID.class), r.getString(2), r.getBytes(3), r.getBytes(4)));
                }
            }
            return items;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot find the consumer's items", e);
        }
    }

    /** Writes corrected items back: email index and content (same id, same data key). */
    public void correct(ItemType type, List<CorrectedItem> items, Instant now) {
        String sql = "update " + VaultStore.table(type) + " set email_index = ?, content = ?, updated_at = ?"
                + " where id = ?";
        JdbcBatch.execute(dataSource, sql, items, "cannot write corrections", (s, item) -> {
            if (item.emailIndex() == null) {
                s.setNull(1, Types.BINARY);
            } else {
                s.setBytes(1, item.emailIndex());
            }
            s.setBytes(2, item.content());
            s.setObject(3, VaultStore.offset(now));
            s.setObject(4, item.id());
        });
    }

    /** Stores data keys re-wrapped under another subject key (the key itself is unchanged). */
    public void moveDataKeys(List<DataKeyRow> rows) {
        String sql = "update data_key set subject_key_id = ?, wrapped_key = ? where id = ?";
        JdbcBatch.execute(dataSource, sql, rows, "cannot move data keys", (s, row) -> {
            s.setObject(1, row.subjectKeyId());
            s.setBytes(2, row.wrappedKey());
            s.setObject(3, row.itemId());
        });
    }

    /** Destroys those of these subject keys that protect nothing any more; returns how many. */
    public int destroyUnusedSubjectKeys(Collection<UUID> subjectKeyIds) {
        if (subjectKeyIds.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from subject_key s where s.id = any(?)"
                        + " and not exists (select 1 from data_key k where k.subject_key_id = s.id)")) {
            s.setArray(1, c.createArrayOf("uuid", subjectKeyIds.toArray()));
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new VaultStoreException("cannot destroy unused subject keys", e);
        }
    }

    /**
     * Makes exports past their expiry unreadable for good: drops their snapshots, token hashes, codes and
     * sealed addresses (the rows stay as the record that their requests were answered). Returns how many.
     */
    public int sweepExpiredExports(Instant now, int limit) {
        String sql = "with expired as (update data_export set token_hash = null, code_hash = null,"
                + " subject_address = null where id in (select id"
                + " from data_export where token_hash is not null and expires_at <= ? order by expires_at limit ?)"
                + " returning id), gone as (delete from data_export_item where export_id in (select id from expired))"
                + " select count(*) from expired";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, VaultStore.offset(now));
            s.setInt(2, limit);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot sweep expired exports", e);
        }
    }

    /**
     * Which items are the consumer's. By email: the items carrying the address, plus the anonymous items of
     * the visitor id only if the vault itself links that visitor id to that address (some chat or ticket of
     * the account carries both) — a visitor id alone is a claim anyone who saw it can make. By visitor id
     * (an email correction): the visitor's items carrying the address being replaced, or already the
     * corrected one (a repeated correction matches but changes nothing); never their anonymous items, which
     * have no address to correct.
     */
    private static Where where(ConsumerMatch match) {
        List<byte[]> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        if (!match.byVisitor()) {
            sql.append("(i.email_index = ?");
            params.add(match.emailIndex());
            if (match.visitorIndex() != null) {
                sql.append(" or (i.email_index is null and i.visitor_index = ? and (")
                        .append(LINKED_BY_CHAT)
                        .append(" or ")
                        .append(LINKED_BY_TICKET)
                        .append("))");
                params.add(match.visitorIndex());
                params.add(match.emailIndex());
                params.add(match.visitorIndex());
                params.add(match.emailIndex());
                params.add(match.visitorIndex());
            }
            sql.append(')');
        } else {
            sql.append("i.visitor_index = ? and (i.email_index = ?");
            params.add(match.visitorIndex());
            params.add(match.emailIndex());
            if (match.correctedEmailIndex() != null) {
                sql.append(" or i.email_index = ?");
                params.add(match.correctedEmailIndex());
            }
            sql.append(')');
        }
        return new Where(sql.toString(), params);
    }

    private static final String LINKED_BY_CHAT = "exists (select 1 from chat l where l.account_id = i.account_id"
            + " and l.email_index = ? and l.visitor_index = ?)";
    private static final String LINKED_BY_TICKET = "exists (select 1 from ticket l where l.account_id = i.account_id"
            + " and l.email_index = ? and l.visitor_index = ?)";

    private record Where(String sql, List<byte[]> params) {

        void bind(PreparedStatement s, int first) throws SQLException {
            int i = first;
            for (byte[] param : params) {
                s.setBytes(i++, param);
            }
        }
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        OffsetDateTime value = r.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
