package io.chatprivacy.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.config.PlatformConfig;
import io.chatprivacy.platform.events.DomainEvent;
import io.chatprivacy.platform.tx.AfterCommit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The transactional outbox: records an event in the same database transaction as the state change
 * it announces, so that both commit or neither does. {@link OutboxRelay} publishes it after commit.
 */
@ApplicationScoped
public class Outbox {

    private static final String WAKE_KEY = Outbox.class.getName() + ".wake";

    private final AgroalDataSource dataSource;
    private final ObjectMapper mapper;
    private final AfterCommit afterCommit;
    private final OutboxRelay relay;
    private final Clock clock;
    private final String source;

    Outbox(
            AgroalDataSource dataSource,
            ObjectMapper mapper,
            AfterCommit afterCommit,
            OutboxRelay relay,
            Clock clock,
            PlatformConfig config,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.dataSource = dataSource;
        this.mapper = mapper;
        this.afterCommit = afterCommit;
        this.relay = relay;
        this.clock = clock;
        this.source = config.eventSource().orElse("/" + applicationName);
    }

    /**
     * Records the event in the caller's transaction, which must exist: on the event's topic, under its key, with
     * its CloudEvents attributes, the record itself as the JSON payload.
     *
     * @return the event's id (the CloudEvents {@code id})
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID publish(DomainEvent event) {
        return publishAll(List.of(event)).get(0);
    }

    /**
     * Records these events, in this order, in the caller's transaction, which must exist: one JDBC batch,
     * one round trip, however many events (a group commit of many state changes stays cheap).
     *
     * @return the events' ids, in the same order
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<UUID> publishAll(List<? extends DomainEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<String> payloads = new ArrayList<>(events.size());
        for (DomainEvent event : events) {
            requireRouting(event);
            try {
                payloads.add(mapper.writeValueAsString(event));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("event data of type " + event.type() + " is not serialisable", e);
            }
        }
        List<UUID> ids = new ArrayList<>(events.size());
        Timestamp occurredAt = Timestamp.from(OffsetDateTime.now(clock).toInstant());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into outbox_event (id, topic, event_key, type, source, account_id, subject,"
                                + " schema_version, occurred_at, payload) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < events.size(); i++) {
                DomainEvent event = events.get(i);
                UUID id = UUID.randomUUID();
                ids.add(id);
                insert.setObject(1, id);
                insert.setString(2, event.topic());
                insert.setString(3, event.key());
                insert.setString(4, event.type());
                insert.setString(5, source);
                if (event.accountId() == null) {
                    insert.setNull(6, Types.OTHER);
                } else {
                    insert.setObject(6, event.accountId());
                }
                insert.setString(7, event.subject());
                insert.setString(8, event.schemaVersion());
                insert.setTimestamp(9, occurredAt);
                insert.setString(10, payloads.get(i));
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not record " + events.size() + " event(s) of type "
                            + events.get(0).type() + (events.size() > 1 ? " and others" : "") + " in the outbox",
                    e);
        }
        afterCommit.run(WAKE_KEY, relay::wakeUp);
        return ids;
    }

    private static void requireRouting(DomainEvent event) {
        Objects.requireNonNull(event.topic(), "topic");
        Objects.requireNonNull(event.key(), "key");
        Objects.requireNonNull(event.type(), "type");
        Objects.requireNonNull(event.schemaVersion(), "schemaVersion");
    }
}
