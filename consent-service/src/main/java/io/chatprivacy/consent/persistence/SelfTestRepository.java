package io.chatprivacy.consent.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.consent.domain.SelfTestCheck;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The opt-out self-test's runs ({@code opt_out_self_test}, plain JDBC). A run is claimed by inserting it
 * {@code RUNNING}: a unique index allows one running run per account, so two replicas (or the schedule and an owner)
 * never test one account at once.
 */
@ApplicationScoped
public class SelfTestRepository {

    /** A run as recorded. */
    public record Run(
            UUID id,
            UUID accountId,
            String startedBy,
            Instant startedAt,
            Instant finishedAt,
            String outcome,
            String failedCheck,
            String detail) {}

    private static final String COLUMNS =
            "id, account_id, started_by, started_at, finished_at, outcome, failed_check, detail";

    private final AgroalDataSource dataSource;

    SelfTestRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Claims a run of the account: inserts it {@code RUNNING} unless one is running already, and (when {@code
     * notStartedSince} is given) unless a run started after that instant.
     *
     * @return whether the run was claimed
     */
    public boolean claim(UUID id, UUID accountId, String startedBy, Instant at, Instant notStartedSince) {
        String sql = "insert into opt_out_self_test (id, account_id, started_by, started_at, outcome)"
                + " select ?, ?, ?, ?, 'RUNNING'"
                + " where ?::timestamptz is null or not exists (select 1 from opt_out_self_test"
                + "   where account_id = ? and started_at > ?::timestamptz)"
                + " on conflict (account_id) where outcome = 'RUNNING' do nothing";
        return update(sql, id, accountId, startedBy, ts(at), ts(notStartedSince), accountId, ts(notStartedSince)) == 1;
    }

    /** Records the end of a running run: passed, or failed on a check. */
    public boolean finish(UUID id, Instant at, SelfTestCheck failed, String detail) {
        return update(
                        "update opt_out_self_test set finished_at = ?, outcome = ?, failed_check = ?, detail = ?"
                                + " where id = ? and outcome = 'RUNNING'",
                        ts(at),
                        failed == null ? "PASSED" : "FAILED",
                        failed == null ? null : failed.name(),
                        detail == null ? null : truncate(detail, 500),
                        id)
                == 1;
    }

    /** The runs still running that started before the instant (their replica went away). */
    public List<Run> runningSince(Instant before) {
        return query(
                "select " + COLUMNS + " from opt_out_self_test where outcome = 'RUNNING' and started_at < ?",
                ts(before));
    }

    /** An account's latest runs, newest first. */
    public List<Run> latest(UUID accountId, int limit) {
        return query(
                "select " + COLUMNS + " from opt_out_self_test where account_id = ? order by started_at desc limit ?",
                accountId,
                limit);
    }

    public Optional<Run> find(UUID id) {
        return query("select " + COLUMNS + " from opt_out_self_test where id = ?", id).stream()
                .findFirst();
    }

    /** The accounts whose widget is live, to be tested on schedule. */
    public List<UUID> activeAccounts() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("select id from account where status = 'ACTIVE' order by id");
                ResultSet rs = statement.executeQuery()) {
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        } catch (SQLException e) {
            throw new LedgerException("could not read the accounts", e);
        }
    }

    private int update(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new LedgerException("could not record an opt-out self-test", e);
        }
    }

    private List<Run> query(String sql, Object... params) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
                    runs.add(new Run(
                            rs.getObject("id", UUID.class),
                            rs.getObject("account_id", UUID.class),
                            rs.getString("started_by"),
                            rs.getObject("started_at", OffsetDateTime.class).toInstant(),
                            finished == null ? null : finished.toInstant(),
                            rs.getString("outcome"),
                            rs.getString("failed_check"),
                            rs.getString("detail")));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new LedgerException("could not read the opt-out self-tests", e);
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i]);
        }
    }

    private static OffsetDateTime ts(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
