package io.chatprivacy.consent.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

/** PostgreSQL advisory locks held until the current transaction ends: serialise work on one id. */
@ApplicationScoped
public class Locks {

    private final AgroalDataSource dataSource;

    Locks(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Waits for, then holds until commit or rollback, the lock named by this id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lock(UUID id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            statement.setLong(1, id.getMostSignificantBits() ^ id.getLeastSignificantBits());
            statement.executeQuery().close();
        } catch (SQLException e) {
            throw new LedgerException("could not take a lock", e);
        }
    }
}
