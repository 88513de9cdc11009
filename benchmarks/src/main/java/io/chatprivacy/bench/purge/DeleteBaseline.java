package io.chatprivacy.bench.purge;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * The fair baseline: what a DBA would run to remove the same rows from the same tables, in the vault's own
 * database. Scratch copies of {@code chat}, {@code data_key}, {@code item_tag}, {@code subject_key} and
 * {@code purged_item} ({@code like ... including all}: same columns, defaults, constraints and indexes)
 * are filled like the run's chats (one subject key per chat, one tag, a data key, content of the same
 * size) and analysed; then, timed, set-based SQL in transactions of {@code chunk} chats (walking the tag
 * index from the last id of the transaction before): select the tagged chats not on hold, delete their data keys, tags and rows, write the same tombstones (SHA-256 of
 * {@code CHAT:<id>}) and delete the subject keys left protecting nothing. No application, no key
 * crypto, no cursor kept anywhere.
 */
final class DeleteBaseline {

    private static final List<String> TABLES = List.of("chat", "data_key", "item_tag", "subject_key", "purged_item");

    private final String jdbcUrl;
    private final Properties dbProperties;

    DeleteBaseline(String jdbcUrl, Properties dbProperties) {
        this.jdbcUrl = jdbcUrl;
        this.dbProperties = dbProperties;
    }

    /**
     * Fills the scratch tables, purges them and returns the purge's duration in nanoseconds.
     *
     * @param chunk chats per transaction ({@code <= 0}: all in one)
     */
    long run(int rows, int contentBytes, int chunk) throws SQLException {
        String suffix = "_bench_" + Long.toHexString(System.nanoTime());
        UUID account = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        String tag = "baseline";
        String chat = "chat" + suffix;
        String dataKey = "data_key" + suffix;
        String itemTag = "item_tag" + suffix;
        String subjectKey = "subject_key" + suffix;
        String purgedItem = "purged_item" + suffix;
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbProperties)) {
            try {
                try (Statement s = c.createStatement()) {
                    for (String table : TABLES) {
                        s.execute("create table " + table + suffix + " (like " + table + " including all)");
                    }
                    s.execute("create temporary table baseline_source as select i, gen_random_uuid() as chat_id,"
                            + " gen_random_uuid() as subject_key_id from generate_series(1, " + rows + ") i");
                }
                fill(c, account, tag, rows, contentBytes, chat, dataKey, itemTag, subjectKey);
                try (Statement s = c.createStatement()) {
                    s.execute("drop table baseline_source");
                    for (String table : TABLES) {
                        s.execute("analyze " + table + suffix);
                    }
                }

                long started = System.nanoTime();
                int deleted =
                        purge(c, account, job, tag, rows, chunk, chat, dataKey, itemTag, subjectKey, purgedItem, true);
                long elapsed = System.nanoTime() - started;
                if (deleted != rows) {
                    throw new IllegalStateException("baseline deleted " + deleted + " chats, not " + rows);
                }
                return elapsed;
            } finally {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (String table : TABLES) {
                        s.execute("drop table if exists " + table + suffix);
                    }
                }
            }
        }
    }

    /**
     * The same SQL on the vault's real tables, on chats the run ingested with a tag of their own beside the
     * purged ones: the same tables in the same state (every earlier run's tombstones, dead rows, the
     * statistics the purge refreshed), in one transaction that is rolled back at the end, so the vault
     * keeps what the benchmark then purges through the application.
     *
     * @return the duration in nanoseconds, up to and including the rollback
     */
    long inPlace(UUID account, String tag, int rows) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbProperties)) {
            long started = System.nanoTime();
            int deleted = purge(
                    c,
                    account,
                    UUID.randomUUID(),
                    tag,
                    rows,
                    0,
                    "chat",
                    "data_key",
                    "item_tag",
                    "subject_key",
                    "purged_item",
                    false);
            long elapsed = System.nanoTime() - started;
            if (deleted != rows) {
                throw new IllegalStateException("in-place baseline found " + deleted + " chats, not " + rows);
            }
            return elapsed;
        }
    }

    /** The rows ingest would have written for the run's chats: key, subject key, chat, tag. */
    private static void fill(
            Connection c,
            UUID account,
            String tag,
            int rows,
            int contentBytes,
            String chat,
            String dataKey,
            String itemTag,
            String subjectKey)
            throws SQLException {
        // wrapped keys are IV (12) + 32-byte key + GCM tag (16) = 60 bytes, as in the vault
        String wrapped = "substring(sha512(int8send(i)) || sha512(int4send(i)) from 1 for 60)";
        try (PreparedStatement s = c.prepareStatement("insert into " + subjectKey
                + " (id, account_id, subject_ref, wrapped_key, created_at)"
                + " select subject_key_id, ?, sha256(int4send(i)), " + wrapped + ", now() from baseline_source")) {
            s.setObject(1, account);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into " + dataKey + " (id, subject_key_id, wrapped_key)"
                + " select chat_id, subject_key_id, " + wrapped + " from baseline_source")) {
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into " + chat
                + " (id, account_id, external_id, email_index, visitor_index, content, started_at, ended_at,"
                + " message_count, legal_hold, ingested_at, updated_at)"
                + " select chat_id, ?, 'baseline-' || lpad(i::text, 9, '0'), sha256(int4send(i)), sha256(int8send(i)),"
                + " substring(convert_to(repeat(md5(i::text), ?), 'UTF8') from 1 for ?), now(), now(), 4,"
                + " false, now(), now() from baseline_source")) {
            s.setObject(1, account);
            s.setInt(2, contentBytes / 32 + 1);
            s.setInt(3, contentBytes);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("insert into " + itemTag
                + " (account_id, item_type, external_id, tag, tagged_at)"
                + " select ?, 'CHAT', 'baseline-' || lpad(i::text, 9, '0'), ?, now() from baseline_source")) {
            s.setObject(1, account);
            s.setString(2, tag);
            s.executeUpdate();
        }
    }

    /**
     * The DBA's purge: per transaction, one chunk of targets and everything that hangs on them; without
     * {@code commit}, all in one transaction that the caller's connection rolls back.
     */
    private static int purge(
            Connection c,
            UUID account,
            UUID job,
            String tag,
            int rows,
            int chunk,
            String chat,
            String dataKey,
            String itemTag,
            String subjectKey,
            String purgedItem,
            boolean commit)
            throws SQLException {
        // without commits, the temporary tables keep their rows: one chunk of everything, then the empty pick
        int limit = chunk <= 0 || !commit ? rows : chunk;
        int deleted = 0;
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("create temporary table doomed (id uuid, external_id varchar(200)) on commit delete rows");
            s.execute("create temporary table doomed_keys (subject_key_id uuid) on commit delete rows");
            c.commit();
        }
        String pick = "insert into doomed select i.id, i.external_id from " + itemTag + " t join " + chat
                + " i on i.account_id = t.account_id and i.external_id = t.external_id"
                + " where t.account_id = ? and t.item_type = 'CHAT' and t.tag = ? and not i.legal_hold"
                + " and t.external_id > ? order by t.external_id limit ?";
        try (PreparedStatement select = c.prepareStatement(pick);
                Statement s = c.createStatement();
                PreparedStatement tombstones = c.prepareStatement("insert into " + purgedItem
                        + " (account_id, item_type, id_hash, job_id, purged_at)"
                        + " select ?, 'CHAT', sha256(convert_to('CHAT:' || external_id, 'UTF8')), ?, now() from doomed"
                        + " on conflict do nothing")) {
            // keyset: each transaction starts after the last id of the one before, as the purge's cursor does
            String after = "";
            while (true) {
                select.setObject(1, account);
                select.setString(2, tag);
                select.setString(3, after);
                select.setInt(4, limit);
                int picked = select.executeUpdate();
                if (picked == 0) {
                    if (commit) {
                        c.commit();
                    }
                    break;
                }
                try (ResultSet r = s.executeQuery("select max(external_id) from doomed")) {
                    r.next();
                    after = r.getString(1);
                }
                s.execute("insert into doomed_keys select k.subject_key_id from " + dataKey
                        + " k join doomed d on d.id = k.id");
                s.executeUpdate("delete from " + dataKey + " k using doomed d where k.id = d.id");
                s.executeUpdate("delete from " + itemTag + " t using doomed d where t.account_id = '" + account
                        + "' and t.item_type = 'CHAT' and t.external_id = d.external_id");
                deleted += s.executeUpdate("delete from " + chat + " i using doomed d where i.id = d.id");
                tombstones.setObject(1, account);
                tombstones.setObject(2, job);
                tombstones.executeUpdate();
                s.executeUpdate("delete from " + subjectKey + " x where x.id in (select subject_key_id from"
                        + " doomed_keys) and not exists (select 1 from " + dataKey
                        + " k where k.subject_key_id = x.id)");
                if (commit) {
                    c.commit();
                }
            }
        } finally {
            try (Statement s = c.createStatement()) {
                c.rollback();
                s.execute("drop table if exists doomed");
                s.execute("drop table if exists doomed_keys");
                c.commit();
            }
        }
        return deleted;
    }
}
