package io.chatprivacy.consent.persistence;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.consent.domain.AgeBand;
import io.chatprivacy.consent.domain.ChatGate;
import io.chatprivacy.consent.domain.EntryKind;
import io.chatprivacy.consent.domain.LedgerEntry;
import io.chatprivacy.consent.domain.OptInBy;
import io.chatprivacy.consent.domain.OptOutPlan;
import io.chatprivacy.consent.domain.OptOutScope;
import io.chatprivacy.consent.domain.OptOutSource;
import io.chatprivacy.consent.domain.Revoker;
import io.chatprivacy.consent.domain.SaleSharing;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The append-only consent ledger, in plain JDBC: rows are inserted in batches on the hot path and
 * never updated, so an ORM's change tracking would only cost time. Inside a JTA transaction the
 * connection is the transaction's; outside one, each call is its own read.
 */
@ApplicationScoped
public class LedgerRepository {

    private static final String COLUMNS = "id, account_id, kind, visitor_id, email_hmac, form_version, consent_ids,"
            + " text_sha256s, revokes, revoked_by, actor, reason, scope, source, request_id, gpc, user_agent, ip_hash,"
            + " recorded_at, age_band, opted_in_by, verification_method";
    private static final String INSERT = "insert into consent_entry (" + COLUMNS
            + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;

    LedgerRepository(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Appends the entries (in one JDBC batch). */
    public void append(List<LedgerEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (LedgerEntry e : entries) {
                insert.setObject(1, e.id());
                insert.setObject(2, e.accountId());
                insert.setString(3, e.kind().name());
                insert.setString(4, e.visitorId());
                insert.setString(5, e.emailHmac());
                if (e.formVersion() == null) {
                    insert.setNull(6, Types.INTEGER);
                } else {
                    insert.setInt(6, e.formVersion());
                }
                insert.setArray(7, textArray(connection, e.consentIds()));
                insert.setArray(8, textArray(connection, e.textSha256s()));
                insert.setObject(9, e.revokes());
                insert.setString(
                        10, e.revokedBy() == null ? null : e.revokedBy().name());
                insert.setString(11, e.actor());
                insert.setString(12, e.reason());
                insert.setString(13, e.scope() == null ? null : e.scope().name());
                insert.setString(14, e.source() == null ? null : e.source().name());
                insert.setObject(15, e.requestId());
                insert.setBoolean(16, e.gpc());
                insert.setString(17, e.userAgent());
                insert.setString(18, e.ipHash());
                insert.setObject(19, OffsetDateTime.ofInstant(e.recordedAt(), ZoneOffset.UTC));
                insert.setString(20, e.ageBand() == null ? null : e.ageBand().wire());
                insert.setString(
                        21, e.optedInBy() == null ? null : e.optedInBy().name());
                insert.setString(22, e.verificationMethod());
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new LedgerException("could not append to the consent ledger", e);
        }
    }

    /** An opt-out row of the ledger as the opt-out self-test checks it. */
    public record OptOutRow(OptOutScope scope, OptOutSource source, UUID requestId) {}

    /** Every {@code OPTED_OUT} row recorded for this visitor id (not those of its email), oldest first. */
    public List<OptOutRow> optOutRows(UUID accountId, String visitorId) {
        String sql = "select scope, source, request_id from consent_entry"
                + " where account_id = ? and visitor_id = ? and kind = 'OPTED_OUT' order by recorded_at";
        return query(
                sql,
                List.of(accountId, visitorId),
                rs -> new OptOutRow(
                        OptOutScope.valueOf(rs.getString(1)),
                        OptOutSource.valueOf(rs.getString(2)),
                        rs.getObject(3, UUID.class)));
    }

    /** Every grant of a visitor under an account, each with whether it has been revoked. */
    public List<ChatGate.Grant> grantsOf(UUID accountId, String visitorId) {
        String sql = "select g.id, g.consent_ids, g.text_sha256s,"
                + " exists (select 1 from consent_entry r where r.revokes = g.id) as revoked"
                + " from consent_entry g where g.account_id = ? and g.visitor_id = ? and g.kind = 'GRANTED'";
        return query(
                sql,
                List.of(accountId, visitorId),
                rs -> new ChatGate.Grant(
                        rs.getObject(1, UUID.class),
                        strings(rs.getArray(2)),
                        strings(rs.getArray(3)),
                        rs.getBoolean(4)));
    }

    /** A grant of the account, whether revoked or not. */
    public Optional<LedgerEntry> grant(UUID accountId, UUID receiptId) {
        return entries("account_id = ? and id = ? and kind = 'GRANTED'", List.of(accountId, receiptId)).stream()
                .findFirst();
    }

    /** The revocation of a grant, if there is one. */
    public Optional<LedgerEntry> revocationOf(UUID accountId, UUID receiptId) {
        return entries("account_id = ? and revokes = ? and kind = 'REVOKED'", List.of(accountId, receiptId)).stream()
                .findFirst();
    }

    /** Grants not yet revoked, of a visitor or of an email (either may be null, not both). */
    public List<LedgerEntry> activeGrants(UUID accountId, String visitorId, String emailHmac) {
        List<Object> params = new ArrayList<>(List.of(accountId));
        String who = subjectCondition("e", visitorId, emailHmac, params);
        return entries(
                "account_id = ? and kind = 'GRANTED' and " + who
                        + " and not exists (select 1 from consent_entry r where r.revokes = e.id)",
                params);
    }

    /**
     * Opt-out rows of the account for this visitor id or this email: those someone asked for, not a minor's
     * default (source {@code MINOR}), which an opt-in lifts and which therefore never links to anything.
     */
    public List<OptOutPlan.Existing> optOuts(UUID accountId, String visitorId, String emailHmac) {
        List<Object> params = new ArrayList<>(List.of(accountId));
        String who = subjectCondition("e", visitorId, emailHmac, params);
        return query(
                "select scope, visitor_id, email_hmac from consent_entry e where account_id = ?"
                        + " and kind = 'OPTED_OUT' and source <> 'MINOR' and " + who,
                params,
                rs -> new OptOutPlan.Existing(OptOutScope.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3)));
    }

    /**
     * Since when a visitor is opted out, per scope: opt-outs of the visitor id itself, and of any email
     * this visitor has given (an email may have been opted out by a rights request). A minor's default (source
     * {@code MINOR}) is not an opt-out the visitor asked for: see {@link #saleSharingRows}.
     */
    public Map<OptOutScope, Instant> optOutStatus(UUID accountId, String visitorId) {
        String sql = "select scope, min(recorded_at) from consent_entry o where o.account_id = ?"
                + " and o.kind = 'OPTED_OUT' and o.source <> 'MINOR' and (o.visitor_id = ? or o.email_hmac in (select g.email_hmac"
                + " from consent_entry g where g.account_id = ? and g.visitor_id = ? and g.email_hmac is not null))"
                + " group by scope";
        Map<OptOutScope, Instant> status = new EnumMap<>(OptOutScope.class);
        query(sql, List.of(accountId, visitorId, accountId, visitorId), rs -> {
            status.put(
                    OptOutScope.valueOf(rs.getString(1)),
                    rs.getObject(2, OffsetDateTime.class).toInstant());
            return null;
        });
        return status;
    }

    /**
     * The rows that decide whether a visitor's personal information may be sold or shared: opt-outs of sale/sharing
     * (a minor's default included) and opt-ins, of the visitor id itself and of any email this visitor has given,
     * oldest first.
     */
    public List<SaleSharing.Row> saleSharingRows(UUID accountId, String visitorId) {
        String sql = "select kind, source, opted_in_by, age_band, recorded_at from consent_entry o"
                + " where o.account_id = ? and o.kind in ('OPTED_OUT', 'OPTED_IN') and o.scope = 'SALE_SHARING'"
                + " and (o.visitor_id = ? or o.email_hmac in (select g.email_hmac from consent_entry g"
                + " where g.account_id = ? and g.visitor_id = ? and g.email_hmac is not null))"
                + " order by recorded_at, id";
        return query(sql, List.of(accountId, visitorId, accountId, visitorId), rs -> {
            String source = rs.getString(2);
            String by = rs.getString(3);
            return new SaleSharing.Row(
                    EntryKind.valueOf(rs.getString(1)),
                    source == null ? null : OptOutSource.valueOf(source),
                    by == null ? null : OptInBy.valueOf(by),
                    AgeBand.fromWire(rs.getString(4)).orElse(null),
                    rs.getObject(5, OffsetDateTime.class).toInstant());
        });
    }

    /** A visitor's or an email's whole history, oldest first. */
    public List<LedgerEntry> history(UUID accountId, String visitorId, String emailHmac) {
        List<Object> params = new ArrayList<>(List.of(accountId));
        String who = subjectCondition("e", visitorId, emailHmac, params);
        return entries("account_id = ? and " + who, params);
    }

    private static String subjectCondition(String alias, String visitorId, String emailHmac, List<Object> params) {
        if (visitorId != null && emailHmac != null) {
            params.add(visitorId);
            params.add(emailHmac);
            return "(" + alias + ".visitor_id = ? or " + alias + ".email_hmac = ?)";
        }
        if (visitorId != null) {
            params.add(visitorId);
            return alias + ".visitor_id = ?";
        }
        if (emailHmac != null) {
            params.add(emailHmac);
            return alias + ".email_hmac = ?";
        }
        throw new IllegalArgumentException("a visitor id or an email is needed");
    }

    private List<LedgerEntry> entries(String where, List<Object> params) {
        return query(
                "select " + COLUMNS + " from consent_entry e where " + where + " order by recorded_at, id",
                params,
                LedgerRepository::entry);
    }

    private static LedgerEntry entry(ResultSet rs) throws SQLException {
        int version = rs.getInt("form_version");
        Integer formVersion = rs.wasNull() ? null : version;
        String revokedBy = rs.getString("revoked_by");
        String scope = rs.getString("scope");
        String source = rs.getString("source");
        String optedInBy = rs.getString("opted_in_by");
        return new LedgerEntry(
                rs.getObject("id", UUID.class),
                rs.getObject("account_id", UUID.class),
                EntryKind.valueOf(rs.getString("kind")),
                rs.getString("visitor_id"),
                rs.getString("email_hmac"),
                formVersion,
                strings(rs.getArray("consent_ids")),
                strings(rs.getArray("text_sha256s")),
                rs.getObject("revokes", UUID.class),
                revokedBy == null ? null : Revoker.valueOf(revokedBy),
                rs.getString("actor"),
                rs.getString("reason"),
                scope == null ? null : OptOutScope.valueOf(scope),
                source == null ? null : OptOutSource.valueOf(source),
                rs.getObject("request_id", UUID.class),
                rs.getBoolean("gpc"),
                rs.getString("user_agent"),
                rs.getString("ip_hash"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
                AgeBand.fromWire(rs.getString("age_band")).orElse(null),
                optedInBy == null ? null : OptInBy.valueOf(optedInBy),
                rs.getString("verification_method"));
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                statement.setObject(i + 1, params.get(i));
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new LedgerException("could not read the consent ledger", e);
        }
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray(String[]::new));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? null : Arrays.asList((String[]) array.getArray());
    }
}
