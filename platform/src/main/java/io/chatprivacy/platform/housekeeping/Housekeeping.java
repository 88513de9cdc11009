package io.chatprivacy.platform.housekeeping;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.config.PlatformConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Removes relayed outbox rows and remembered event ids once they are past their retention. */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    private final AgroalDataSource dataSource;
    private final PlatformConfig config;
    private final Clock clock;

    Housekeeping(AgroalDataSource dataSource, PlatformConfig config, Clock clock) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purgeExpired() throws SQLException {
        Instant now = clock.instant();
        try (Connection connection = dataSource.getConnection()) {
            int outbox = delete(
                    connection,
                    "delete from outbox_event where published_at < ?",
                    now.minus(config.outbox().retention()));
            int inbox = delete(
                    connection,
                    "delete from processed_event where processed_at < ?",
                    now.minus(config.inbox().retention()));
            if (outbox + inbox > 0) {
                LOG.infof("Housekeeping removed %d relayed outbox rows and %d remembered event ids", outbox, inbox);
            }
        }
    }

    private static int delete(Connection connection, String sql, Instant before) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(before));
            return statement.executeUpdate();
        }
    }
}
