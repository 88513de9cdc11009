package io.chatprivacy.deletion.persistence;

import java.sql.SQLException;

/** A database failure in the vault's JDBC code; the SQL exception (and its SQL state) is the cause. */
public class VaultStoreException extends RuntimeException {

    public VaultStoreException(String message, SQLException cause) {
        super(message, cause);
    }
}
