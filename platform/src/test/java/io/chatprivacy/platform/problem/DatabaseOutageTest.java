package io.chatprivacy.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * A call that fails because PostgreSQL is unreachable is answered 503 (retry), not 500: FaultsIT restarted
 * PostgreSQL under widget load and saw 500 internal-error for every call during the outage. The failures below are
 * the ones seen there (consent-service's ledger and outbox writes, and their commit).
 */
class DatabaseOutageTest {

    @Test
    void aLostOrRefusedConnectionOrAServerShuttingDownIsUnavailability() {
        // what the ledger insert threw while PostgreSQL was shutting down and once it was gone
        assertThat(DatabaseOutage.isOutage(new RuntimeException(
                        "could not append to the consent ledger",
                        new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new RuntimeException(
                        "could not append to the consent ledger", new SQLException("Connection refused", "08001"))))
                .isTrue();
        // the outbox insert's batch: the cause is the batch's next exception
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 was aborted", "08006", new int[0]);
        assertThat(DatabaseOutage.isOutage(
                        new IllegalStateException("could not record 1 event(s) in the outbox", batch)))
                .isTrue();
        BatchUpdateException wrapped = new BatchUpdateException("Batch entry 0 was aborted", null, new int[0]);
        wrapped.setNextException(new SQLException("This connection has been closed.", "08003"));
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("outbox", wrapped)))
                .isTrue();
        // the commit itself failed: the driver's error is suppressed under the transaction manager's exception
        IllegalStateException commit = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(
                new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction"));
        commit.getSuppressed()[0].initCause(
                new SQLException("FATAL: terminating connection due to administrator command", "57P01"));
        assertThat(DatabaseOutage.isOutage(new RuntimeException(commit))).isTrue();
        // no pooled connection in time (Agroal says so without a SQL state)
        assertThat(DatabaseOutage.isOutage(
                        new RuntimeException(new SQLException("Acquisition timeout while waiting for new connection"))))
                .isTrue();
    }

    @Test
    void theOutageIsTheFailureFoundInTheChain() {
        SQLException refused = new SQLException("Connection refused", "08001");
        assertThat((Object) DatabaseOutage.cause(new RuntimeException(new IllegalStateException(refused))))
                .isSameAs(refused);
        assertThat(DatabaseOutage.isOutage(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseOutage.isOutage(new java.sql.SQLTransientConnectionException("gone")))
                .isTrue();
    }

    @Test
    void aFailureOfTheDataOrTheCodeStaysAnError() {
        assertThat(DatabaseOutage.isOutage(new RuntimeException(
                        "could not append to the consent ledger",
                        new SQLException("duplicate key value violates unique constraint", "23505"))))
                .isFalse();
        assertThat(DatabaseOutage.isOutage(new RuntimeException(
                        "could not append to the consent ledger",
                        new SQLException("value too long for type character varying(64)", "22001"))))
                .isFalse();
        assertThat(DatabaseOutage.isOutage(new IllegalStateException("a bug"))).isFalse();
        assertThat(DatabaseOutage.isOutage(new RuntimeException("no state", new SQLException("x"))))
                .isFalse();
    }
}
