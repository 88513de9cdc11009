package io.chatprivacy.bench.purge;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * The baseline: a plain SQL delete of as many rows as the purge deleted chats, in a scratch table
 * shaped like {@code chat} (same columns, same unique index, content of the same size), in the vault's
 * own database. No keys, no tags, no tombstones, one statement.
 */
final class DeleteBaseline {

    private final String jdbcUrl;
    private final Properties dbProperties;

    DeleteBaseline(String jdbcUrl, Properties dbProperties) {
        this.jdbcUrl = jdbcUrl;
        this.dbProperties = dbProperties;
    }

    /** Fills the scratch table, deletes the rows and returns the delete's duration in nanoseconds. */
    long run(int rows, int contentBytes) throws SQLException {
        String table = "bench_delete_baseline_" + Long.toHexString(System.nanoTime());
        UUID account = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(jdbcUrl, dbProperties)) {
            try (Statement s = c.createStatement()) {
                s.execute("create table " + table + " (id uuid primary key, account_id uuid not null,"
                        + " external_id varchar(200) not null, email_index bytea, visitor_index bytea,"
                        + " content bytea not null, started_at timestamptz not null, ended_at timestamptz,"
                        + " message_count integer not null, legal_hold boolean not null default false,"
                        + " ingested_at timestamptz not null, updated_at timestamptz not null,"
                        + " unique (account_id, external_id))");
            }
            try {
                try (PreparedStatement fill = c.prepareStatement("insert into " + table
                        + " select gen_random_uuid(), ?, 'chat-' || i, sha256(int4send(i)), sha256(int8send(i)),"
                        + " substring(convert_to(repeat(md5(i::text), ?), 'UTF8') from 1 for ?), now(), now(), 4,"
                        + " false, now(), now() from generate_series(1, ?) i")) {
                    fill.setObject(1, account);
                    fill.setInt(2, contentBytes / 32 + 1);
                    fill.setInt(3, contentBytes);
                    fill.setInt(4, rows);
                    fill.executeUpdate();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("analyze " + table);
                }
                long started = System.nanoTime();
                try (PreparedStatement delete = c.prepareStatement("delete from " + table + " where account_id = ?")) {
                    delete.setObject(1, account);
                    int deleted = delete.executeUpdate();
                    if (deleted != rows) {
                        throw new IllegalStateException("baseline deleted " + deleted + " rows, not " + rows);
                    }
                }
                return System.nanoTime() - started;
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table " + table);
                }
            }
        }
    }
}
