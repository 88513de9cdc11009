package io.chatprivacy.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void createsDatabasesAndKeepsDataAcrossRestarts() throws Exception {
        Path dir = Infra.workDir().resolve("postgres-test-" + UUID.randomUUID());
        try {
            long t0 = System.nanoTime();
            try (PostgresServer pg = PostgresServer.start(dir, 0)) {
                System.out.printf("postgres first start (initdb): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                pg.createDatabase("shop");
                pg.createDatabase("shop"); // idempotent
                assertThat(pg.jdbcUrl("shop")).isEqualTo("jdbc:postgresql://localhost:" + pg.port() + "/shop");
                try (Connection c = connect(pg, "shop");
                        Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE item (name text)");
                    s.execute("INSERT INTO item VALUES ('kept')");
                }
            }
            assertThat(dir.resolve("PG_VERSION")).exists();

            t0 = System.nanoTime();
            try (PostgresServer pg = PostgresServer.start(dir, 0)) {
                System.out.printf("postgres restart: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
                try (Connection c = connect(pg, "shop");
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT name FROM item")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("kept");
                }
            }
        } finally {
            Files2.deleteRecursively(dir);
        }
    }

    @Test
    void temporaryDataIsDeletedAndNamesAreValidated() {
        Path dataDir;
        try (PostgresServer pg = PostgresServer.start(null, 0)) {
            dataDir = pg.dataDir();
            assertThat(dataDir).startsWith(Infra.workDir()).exists();
            assertThatThrownBy(() -> pg.createDatabase("Robert'); DROP TABLE students;--"))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pg.jdbcUrl("1abc")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(dataDir).doesNotExist();
    }

    static Connection connect(PostgresServer pg, String db) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(db), pg.username(), pg.password());
    }
}
