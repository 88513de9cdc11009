package io.chatprivacy.deletion.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.domain.DeletionTarget;
import io.chatprivacy.deletion.domain.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The purge in set-based SQL: each chunk deletes up to a few thousand items of one account with one
 * statement, destroys their data keys, their tags and every subject key left protecting nothing, and
 * leaves a tombstone per item (SHA-256 of {@code <CHAT|TICKET>:<platform id>}), all in the caller's
 * transaction.
 *
 * <p>Before the first chunk, {@link #destroyDataKeys} destroys the data keys of all the job's targets at
 * once (the crypto-erasure), so the chunks mostly find the keys gone already; {@link
 * #destroyOrphanedSubjectKeys} then removes the subject keys left protecting nothing.
 *
 * <p>An item is a target when it belongs to the job's account, was stored before the purge was
 * authorised and carried the job's tag (or belonged to the job's data subject) at that moment, and is
 * not under a legal hold (chats and tickets alike).
 */
@ApplicationScoped
public class PurgeStore {

    private static final HexFormat HEX = HexFormat.of();

    private final AgroalDataSource dataSource;

    PurgeStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How many items a purge would delete now. */
    public int count(UUID accountId, ItemType type, DeletionTarget target, Instant cutoff) {
        Query query = targets(type, target, "i.id", cutoff, false);
        String sql = "select count(*) from (" + query.sql + ") x";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            query.bind(s, accountId, 1);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot count targets", e);
        }
    }

    /**
     * The crypto-erasure of one type: destroys the data keys of all the job's current targets of that type
     * with one statement, in the caller's transaction, so that every one of them is unreadable from its
     * commit on, long before the chunks delete the rows. A target whose key is already gone (an earlier,
     * interrupted run) is simply not counted again.
     *
     * @return how many data keys were destroyed
     */
    public int destroyDataKeys(UUID accountId, ItemType type, DeletionTarget target, Instant cutoff) {
        Query query = targets(type, target, "i.id", cutoff, false);
        String sql = "delete from data_key k where k.id in (" + query.sql + ")";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            query.bind(s, accountId, 1);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new VaultStoreException("cannot destroy the data keys of " + VaultStore.table(type) + "s", e);
        }
    }

    /**
     * Destroys every subject key of the account that protects no data key any more: after a
     * crypto-erasure the chunks no longer see which subject keys the targets' data keys hung on, so the
     * purge ends with this one sweep (an anti-join over the account's subject keys). Ingest and
     * corrections write a subject key and its data keys under the account's lock, which the caller holds,
     * so no key being written can be taken for an orphan.
     *
     * @return how many subject keys were destroyed
     */
    public int destroyOrphanedSubjectKeys(UUID accountId) {
        String sql = "delete from subject_key s where s.account_id = ?"
                + " and not exists (select 1 from data_key k where k.subject_key_id = s.id)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, accountId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new VaultStoreException("cannot destroy orphaned subject keys", e);
        }
    }

    /**
     * What one chunk did.
     *
     * @param deleted items deleted
     * @param exhausted whether no targets of this type are left after this chunk
     * @param cursor the platform id the walk reached (tag purges), to start the next chunk after
     */
    public record Chunk(int deleted, boolean exhausted, String cursor) {}

    /**
     * Deletes one chunk of targets of one type with everything that hangs on them. A tag purge walks the
     * tag index in platform-id order from {@code cursor} (exclusive), so no chunk rescans what earlier
     * chunks deleted; a data subject's purge (a handful of items) simply takes the next ones left.
     */
    public Chunk deleteChunk(
            UUID accountId,
            ItemType type,
            DeletionTarget target,
            Instant cutoff,
            String cursor,
            int limit,
            UUID jobId,
            Instant now) {
        String table = VaultStore.table(type);
        try (Connection c = dataSource.getConnection()) {
            List<UUID> ids = new ArrayList<>(limit);
            List<String> externalIds = new ArrayList<>(limit);
            Chunk chunk = target.isTag()
                    ? deleteTagged(c, accountId, type, target.tag(), cutoff, cursor, limit, ids, externalIds)
                    : deleteSubjects(c, accountId, type, target, cutoff, limit, ids, externalIds);
            if (ids.isEmpty()) {
                return chunk;
            }
            // after a crypto-erasure the targets' data keys are already gone (this finds only those of items
            // that became targets since, e.g. by a lifted legal hold); the last step sweeps their subject keys
            Set<UUID> subjectKeys = new LinkedHashSet<>();
            try (PreparedStatement s =
                    c.prepareStatement("delete from data_key where id = any(?) returning subject_key_id")) {
                s.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        subjectKeys.add(r.getObject(1, UUID.class));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "delete from item_tag where account_id = ? and item_type = ? and external_id = any(?)")) {
                s.setObject(1, accountId);
                s.setString(2, type.name());
                s.setArray(3, c.createArrayOf("text", externalIds.toArray()));
                s.executeUpdate();
            }
            try (PreparedStatement s =
                    c.prepareStatement("insert into purged_item (account_id, item_type, id_hash, job_id, purged_at)"
                            + " select ?, ?, sha256(convert_to(? || ':' || x, 'UTF8')), ?, ?"
                            + " from unnest(?::text[]) x on conflict do nothing")) {
                s.setObject(1, accountId);
                s.setString(2, type.name());
                s.setString(3, type.name());
                s.setObject(4, jobId);
                s.setObject(5, VaultStore.offset(now));
                s.setArray(6, c.createArrayOf("text", externalIds.toArray()));
                s.executeUpdate();
            }
            // a subject key is destroyed as soon as it protects nothing: every copy of that subject's
            // items, wherever it survives, becomes unreadable with it
            if (!subjectKeys.isEmpty()) {
                try (PreparedStatement s = c.prepareStatement("delete from subject_key s where s.id = any(?)"
                        + " and not exists (select 1 from data_key k where k.subject_key_id = s.id)")) {
                    s.setArray(1, c.createArrayOf("uuid", subjectKeys.toArray()));
                    s.executeUpdate();
                }
            }
            return chunk;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot purge a chunk of " + table + "s", e);
        }
    }

    private static Chunk deleteTagged(
            Connection c,
            UUID accountId,
            ItemType type,
            String tag,
            Instant cutoff,
            String cursor,
            int limit,
            List<UUID> ids,
            List<String> externalIds)
            throws SQLException {
        String table = VaultStore.table(type);
        String sql = "with scanned as (select t.external_id from item_tag t where t.account_id = ?"
                + " and t.item_type = ? and t.tag = ? and t.tagged_at <= ?"
                + (cursor == null ? "" : " and t.external_id > ?")
                + " order by t.external_id limit ?),"
                + " doomed as (select i.id from scanned s join " + table + " i on i.account_id = ?"
                + " and i.external_id = s.external_id where i.ingested_at <= ? and not i.legal_hold),"
                + " gone as (delete from " + table + " x using doomed d where x.id = d.id"
                + " returning x.id, x.external_id)"
                + " select (select count(*) from scanned), (select max(external_id) from scanned),"
                + " (select array_agg(id) from gone), (select array_agg(external_id) from gone)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setObject(i++, accountId);
            s.setString(i++, type.name());
            s.setString(i++, tag);
            s.setObject(i++, VaultStore.offset(cutoff));
            if (cursor != null) {
                s.setString(i++, cursor);
            }
            s.setInt(i++, limit);
            s.setObject(i++, accountId);
            s.setObject(i, VaultStore.offset(cutoff));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                int scanned = r.getInt(1);
                String reached = r.getString(2);
                if (r.getArray(3) != null) {
                    ids.addAll(List.of((UUID[]) r.getArray(3).getArray()));
                    externalIds.addAll(List.of((String[]) r.getArray(4).getArray()));
                }
                return new Chunk(ids.size(), scanned < limit, reached == null ? cursor : reached);
            }
        }
    }

    private static Chunk deleteSubjects(
            Connection c,
            UUID accountId,
            ItemType type,
            DeletionTarget target,
            Instant cutoff,
            int limit,
            List<UUID> ids,
            List<String> externalIds)
            throws SQLException {
        Query doomed = targets(type, target, "i.id, i.external_id", cutoff, false);
        String table = VaultStore.table(type);
        String sql = "with doomed as (" + doomed.sql + " limit ?) delete from " + table
                + " x using doomed d where x.id = d.id returning x.id, x.external_id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int next = doomed.bind(s, accountId, 1);
            s.setInt(next, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getObject(1, UUID.class));
                    externalIds.add(r.getString(2));
                }
            }
        }
        return new Chunk(ids.size(), ids.size() < limit, null);
    }

    /** Platform ids of the items of one type that would be targets but for their legal hold, sorted. */
    public List<String> held(UUID accountId, ItemType type, DeletionTarget target, Instant cutoff) {
        Query query = targets(type, target, "i.external_id", cutoff, true);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(query.sql + " order by i.external_id")) {
            query.bind(s, accountId, 1);
            List<String> held = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    held.add(r.getString(1));
                }
            }
            return held;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot list held " + VaultStore.table(type) + "s", e);
        }
    }

    /** SHA-256 over the job's tombstone hashes in a fixed order: one value that pins the whole list. */
    public String digest(UUID jobId) {
        String sql = "select encode(sha256(coalesce(string_agg(id_hash, ''::bytea order by item_type, id_hash),"
                + " ''::bytea)), 'hex') from purged_item where job_id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot digest the receipt", e);
        }
    }

    /** Hex SHA-256 hashes of the platform ids a job deleted, of one type, sorted. */
    public List<String> idHashes(UUID jobId, ItemType type) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select id_hash from purged_item where job_id = ? and item_type = ? order by id_hash")) {
            s.setObject(1, jobId);
            s.setString(2, type.name());
            List<String> hashes = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    hashes.add(HEX.formatHex(r.getBytes(1)));
                }
            }
            return hashes;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot read the receipt's hashes", e);
        }
    }

    /** The select of a job's targets, with its parameters after the account id. */
    private static Query targets(ItemType type, DeletionTarget target, String columns, Instant cutoff, boolean held) {
        String table = VaultStore.table(type);
        String hold = held ? " and i.legal_hold" : " and not i.legal_hold";
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select ").append(columns);
        if (target.isTag()) {
            sql.append(" from item_tag t join ")
                    .append(table)
                    .append(" i on i.account_id = t.account_id and i.external_id = t.external_id")
                    .append(" where t.account_id = ? and t.item_type = ? and t.tag = ? and t.tagged_at <= ?")
                    .append(" and i.ingested_at <= ?")
                    .append(hold);
            params.add(type.name());
            params.add(target.tag());
            params.add(VaultStore.offset(cutoff));
            params.add(VaultStore.offset(cutoff));
        } else {
            sql.append(" from ").append(table).append(" i where i.account_id = ? and (");
            boolean or = false;
            if (target.emailIndex() != null) {
                sql.append("i.email_index = ?");
                params.add(target.emailIndex());
                or = true;
            }
            if (target.visitorIndex() != null) {
                sql.append(or ? " or " : "").append("i.visitor_index = ?");
                params.add(target.visitorIndex());
            }
            sql.append(") and i.ingested_at <= ?").append(hold);
            params.add(VaultStore.offset(cutoff));
        }
        return new Query(sql.toString(), params);
    }

    private record Query(String sql, List<Object> params) {

        /** Binds the account id at {@code first} and the other parameters after it; returns the next index. */
        int bind(PreparedStatement s, UUID accountId, int first) throws SQLException {
            int i = first;
            s.setObject(i++, accountId);
            for (Object param : params) {
                if (param instanceof byte[] bytes) {
                    s.setBytes(i++, bytes);
                } else {
                    s.setObject(i++, param);
                }
            }
            return i;
        }
    }
}
