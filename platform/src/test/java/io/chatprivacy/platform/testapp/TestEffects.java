package io.chatprivacy.platform.testapp;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads what the test consumer did and what the outbox holds. */
@ApplicationScoped
public class TestEffects {

    private final AgroalDataSource dataSource;

    TestEffects(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int effects(String marker) {
        return count("select count(*) from test_effect where marker = ?", marker);
    }

    public int unpublished(String key) {
        return count("select count(*) from outbox_event where published_at is null and event_key = ?", key);
    }

    public void markUnpublished(String key) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update outbox_event set published_at = null where event_key = ?")) {
            update.setString(1, key);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int count(String sql, String value) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, value);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
