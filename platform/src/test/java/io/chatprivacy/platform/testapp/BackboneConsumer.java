package io.chatprivacy.platform.testapp;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.platform.events.IncomingEvent;
import io.chatprivacy.platform.events.TransientEventException;
import io.chatprivacy.platform.inbox.IdempotentConsumer;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A consumer of the test topic whose effect adds a row per application (not idempotent by itself). */
@ApplicationScoped
public class BackboneConsumer {

    /** Markers whose effect fails transiently this many more times before succeeding. */
    public static final Map<String, AtomicInteger> TRANSIENT_FAILURES = new ConcurrentHashMap<>();

    private final IdempotentConsumer inbox;
    private final AgroalDataSource dataSource;

    BackboneConsumer(IdempotentConsumer inbox, AgroalDataSource dataSource) {
        this.inbox = inbox;
        this.dataSource = dataSource;
    }

    @Incoming("backbone-in")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        inbox.process(record, this::apply);
    }

    private void apply(IncomingEvent event) {
        TestPayload payload = event.data(TestPayload.class);
        AtomicInteger failures = TRANSIENT_FAILURES.get(payload.marker());
        if (failures != null && failures.getAndDecrement() > 0) {
            throw new TransientEventException("simulated transient failure");
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("insert into test_effect (marker, event_id) values (?, ?)")) {
            insert.setString(1, payload.marker());
            insert.setString(2, event.id());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
