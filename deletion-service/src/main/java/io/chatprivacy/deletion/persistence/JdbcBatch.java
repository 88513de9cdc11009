package io.chatprivacy.deletion.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;

/**
 * One statement run as a single JDBC batch over a list of rows, on the transaction's connection: the shape
 * of every bulk write of the vault. Nothing is sent for no rows; a failure is a {@link VaultStoreException}.
 */
final class JdbcBatch {

    /** Sets one row's parameters on the statement. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T row) throws SQLException;
    }

    private JdbcBatch() {}

    /**
     * Binds each row and adds it to the batch, then executes the batch.
     *
     * @param failure what could not be done, for the exception's message
     */
    static <T> void execute(DataSource dataSource, String sql, List<T> rows, String failure, Binder<T> binder) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (T row : rows) {
                binder.bind(s, row);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw new VaultStoreException(failure, e);
        }
    }
}
