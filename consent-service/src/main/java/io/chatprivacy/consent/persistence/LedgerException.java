package io.chatprivacy.consent.persistence;

import java.sql.SQLException;

/** The ledger could not be read or written (the database failed); nothing was half-written. */
public class LedgerException extends RuntimeException {

    public LedgerException(String message, SQLException cause) {
        super(message, cause);
    }

    /** Whether the failure was a unique-constraint violation (e.g. a grant revoked twice at once). */
    public boolean isUniqueViolation() {
        return getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState());
    }
}
