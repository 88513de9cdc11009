package io.chatprivacy.bench.consent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's raw PostgreSQL baseline: single-row INSERTs, each its own committed transaction
 * (autocommit, so each waits for its WAL flush as a consent would without group commit), from N
 * concurrent connections, into a scratch table of a scratch database on the same server.
 */
final class InsertBaseline {

    private static final String DATABASE = "bench_baseline";

    private InsertBaseline() {}

    /** Inserts per second over {@code seconds}, with {@code connections} concurrent connections. */
    static double run(String serverUrl, String user, String password, int connections, double seconds)
            throws SQLException, InterruptedException {
        ensureDatabase(serverUrl, user, password);
        String url = serverUrl + DATABASE;
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Statement ddl = admin.createStatement()) {
            ddl.execute("drop table if exists insert_baseline");
            ddl.execute("create table insert_baseline (id bigserial primary key, visitor_id varchar(64) not null,"
                    + " payload text not null, recorded_at timestamptz not null default now())");
        }
        AtomicLong inserted = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        List<Throwable> failures = new ArrayList<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long begin = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            int client = i;
            Thread thread = new Thread(
                    () -> {
                        try (Connection connection = DriverManager.getConnection(url, user, password);
                                PreparedStatement insert = connection.prepareStatement(
                                        "insert into insert_baseline (visitor_id, payload) values (?, ?)")) {
                            long seq = 0;
                            while (System.nanoTime() < end) {
                                insert.setString(1, "baseline-" + client + "-" + seq++);
                                insert.setString(2, "{\"consents\":[\"chat-processing\"]}");
                                insert.executeUpdate();
                                inserted.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            synchronized (failures) {
                                failures.add(e);
                            }
                        } finally {
                            done.countDown();
                        }
                    },
                    "baseline-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - begin) / 1e9;
        try (Connection admin = DriverManager.getConnection(url, user, password);
                Statement ddl = admin.createStatement()) {
            ddl.execute("drop table if exists insert_baseline");
        }
        if (!failures.isEmpty()) {
            throw new SQLException("baseline inserts failed", failures.get(0));
        }
        return inserted.get() / elapsed;
    }

    private static void ensureDatabase(String serverUrl, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, password);
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("create database " + DATABASE);
            }
        }
    }
}
