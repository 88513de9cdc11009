package io.chatprivacy.platform.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure that only means PostgreSQL cannot be reached now (connection refused or lost, the server
 * shutting down or starting, no pooled connection in time) from a fault of the code or the data, so that the
 * caller is answered 503, which it may retry, rather than a 500.
 */
public final class DatabaseOutage {

    private DatabaseOutage() {}

    /** Whether {@code failure} is an outage; see {@link #cause}. */
    public static boolean isOutage(Throwable failure) {
        return cause(failure) != null;
    }

    /**
     * The SQL failure that makes {@code failure} an outage, or null when it is none. Found anywhere in the cause
     * chain, a JDBC batch's next exceptions and suppressed exceptions (a commit that failed: the transaction
     * manager's RollbackException carries the driver's error as suppressed) included.
     */
    public static SQLException cause(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof SQLException sql) {
                if (isOutage(sql)) {
                    return sql;
                }
                if (sql.getNextException() != null) {
                    todo.add(sql.getNextException());
                }
            }
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(List.of(t.getSuppressed()));
        }
        return null;
    }

    private static boolean isOutage(SQLException sql) {
        if (sql instanceof SQLTransientConnectionException) {
            return true;
        }
        String state = sql.getSQLState();
        if (state != null) {
            // class 08: connection exceptions; class 57P: the server shut down, crashed or is starting
            return state.startsWith("08") || state.startsWith("57P");
        }
        // Agroal's pool, out of connections for its acquisition timeout, says so in words only
        return String.valueOf(sql.getMessage()).toLowerCase(Locale.ROOT).contains("acquisition timeout");
    }
}
