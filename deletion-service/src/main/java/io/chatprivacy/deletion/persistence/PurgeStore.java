package io.chatprivacy.deletion.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.domain.DeletionTarget;
import io.chatprivacy.deletion.domain.ItemType;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
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

    /** {@code default_statistics_target} of the purge's own analysis (the server's default is 100). */
    static final int SAMPLE_TARGET = 10;

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
     * Refreshes the planner's statistics of the tables a big purge works on, in the caller's transaction
     * (a small sample: about 0.1 s for all of them after a bulk ingest of 100,000 chats), so that its statements are planned for the tables as
     * they are now, not as they were before a bulk ingest. Only the tables changed by more than a tenth
     * since their last analysis (autovacuum's own threshold) are analysed: when autovacuum has caught up,
     * the purge does not pay for it again.
     */
    public void analyze(boolean chats, boolean tickets) {
        analyze(chats, tickets, false);
    }

    /**
     * As {@link #analyze(boolean, boolean)}; with {@code skipLocked}, a table autovacuum is vacuuming right then is
     * left out rather than waited for (it stays stale, and a later call without {@code skipLocked} analyses it).
     */
    public void analyze(boolean chats, boolean tickets, boolean skipLocked) {
        List<String> tables = new ArrayList<>(List.of("item_tag", "data_key", "subject_key"));
        if (chats) {
            tables.add("chat");
        }
        if (tickets) {
            tables.add("ticket");
        }
        try (Connection c = dataSource.getConnection()) {
            List<String> stale = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("select relname from pg_stat_user_tables"
                    + " where schemaname = current_schema() and relname = any(?)"
                    + " and n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)")) {
                s.setArray(1, c.createArrayOf("text", tables.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        stale.add(r.getString(1));
                    }
                }
            }
            if (!stale.isEmpty()) {
                try (Statement s = c.createStatement()) {
                    // a sample of 3,000 rows per table instead of 30,000: the purge's plans need the tables' sizes
                    // and the tag's share, not fine histograms (0.1 s instead of 0.5-0.9 s after a bulk ingest of
                    // 100,000 chats); autovacuum's next analysis restores the default
                    s.execute("set local default_statistics_target = " + SAMPLE_TARGET);
                    s.execute("analyze " + (skipLocked ? "(skip_locked) " : "") + String.join(", ", stale));
                    s.execute("reset default_statistics_target");
                }
            }
        } catch (SQLException e) {
            throw new VaultStoreException("cannot analyze " + tables, e);
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
     * Deletes one chunk of targets of one type with everything that hangs on them, in one statement (its
     * data-modifying parts delete the items, their data keys and tags and write the tombstones), then
     * the subject keys left protecting nothing. A tag purge walks the tag index in platform-id order from
     * {@code cursor} (exclusive), so no chunk rescans what earlier chunks deleted; a data subject's purge
     * (a handful of items) simply takes the next ones left.
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
        List<Object> params = new ArrayList<>();
        String doomed;
        if (target.isTag()) {
            doomed = "scanned as (select t.external_id from item_tag t where t.account_id = ?"
                    + " and t.item_type = ? and t.tag = ? and t.tagged_at <= ?"
                    + (cursor == null ? "" : " and t.external_id > ?")
                    + " order by t.external_id limit ?),"
                    + " doomed as (select i.id from scanned s join " + table + " i on i.account_id = ?"
                    + " and i.external_id = s.external_id where i.ingested_at <= ? and not i.legal_hold)";
            params.add(accountId);
            params.add(type.name());
            params.add(target.tag());
            params.add(VaultStore.offset(cutoff));
            if (cursor != null) {
                params.add(cursor);
            }
            params.add(limit);
            params.add(accountId);
            params.add(VaultStore.offset(cutoff));
        } else {
            Query query = targets(type, target, "i.id", cutoff, false);
            doomed = "doomed as (" + query.sql + " limit ?)";
            params.add(accountId);
            params.addAll(query.params);
            params.add(limit);
        }
        // every part sees the snapshot before the statement: the tags scanned are still there to read
        String sql = "with " + doomed + ","
                + " gone as (delete from " + table + " x using doomed d where x.id = d.id"
                + " returning x.id, x.external_id),"
                // after a crypto-erasure the targets' data keys are gone already; this finds only those of
                // items that became targets since (e.g. a legal hold lifted), the last step the rest
                + " keys as (delete from data_key k using gone g where k.id = g.id returning k.subject_key_id),"
                + " tags as (delete from item_tag t using gone g where t.account_id = ? and t.item_type = ?"
                + " and t.external_id = g.external_id),"
                + " tombstones as (insert into purged_item (account_id, item_type, id_hash, job_id, purged_at)"
                + " select ?, ?, sha256(convert_to(? || ':' || g.external_id, 'UTF8')), ?, ? from gone g"
                + " on conflict do nothing)"
                + " select (select count(*) from gone), "
                + (target.isTag()
                        ? "(select count(*) from scanned), (select max(external_id) from scanned)"
                        : "0, null")
                + ", (select array_agg(distinct subject_key_id) from keys)";
        params.add(accountId);
        params.add(type.name());
        params.add(accountId);
        params.add(type.name());
        params.add(type.name());
        params.add(jobId);
        params.add(VaultStore.offset(now));
        try (Connection c = dataSource.getConnection()) {
            Chunk chunk;
            UUID[] subjectKeys = null;
            try (PreparedStatement s = c.prepareStatement(sql)) {
                int i = 1;
                for (Object param : params) {
                    if (param instanceof byte[] bytes) {
                        s.setBytes(i++, bytes);
                    } else {
                        s.setObject(i++, param);
                    }
                }
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    int deleted = r.getInt(1);
                    if (target.isTag()) {
                        String reached = r.getString(3);
                        chunk = new Chunk(deleted, r.getInt(2) < limit, reached == null ? cursor : reached);
                    } else {
                        chunk = new Chunk(deleted, deleted < limit, null);
                    }
                    if (r.getArray(4) != null) {
                        subjectKeys = (UUID[]) r.getArray(4).getArray();
                    }
                }
            }
            // a subject key is destroyed as soon as it protects nothing: every copy of that subject's
            // items, wherever it survives, becomes unreadable with it
            if (subjectKeys != null && subjectKeys.length > 0) {
                try (PreparedStatement s = c.prepareStatement("delete from subject_key s where s.id = any(?)"
                        + " and not exists (select 1 from data_key k where k.subject_key_id = s.id)")) {
                    s.setArray(1, c.createArrayOf("uuid", subjectKeys));
                    s.executeUpdate();
                }
            }
            return chunk;
        } catch (SQLException e) {
            throw new VaultStoreException("cannot purge a chunk of " + table + "s", e);
        }
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
