package io.chatprivacy.platform.testapp;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;

/** Reads from a database nobody listens for (a real connection refused), as a service does while its own is down. */
@Path("/outage")
public class OutageResource {

    private final AgroalDataSource unreachable;

    OutageResource(@DataSource("unreachable") AgroalDataSource unreachable) {
        this.unreachable = unreachable;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    public String read() throws SQLException {
        try (Connection connection = unreachable.getConnection()) {
            return "{\"reached\":" + connection.isValid(1) + "}";
        }
    }
}
