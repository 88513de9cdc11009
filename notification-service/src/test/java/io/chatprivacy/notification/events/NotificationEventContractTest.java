package io.chatprivacy.notification.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.DomainEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer's side of the notification-events contract: our records serialise exactly to the golden samples. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class NotificationEventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void notificationSentMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(NotificationEvent.TOPIC, NotificationSentEvent.TYPE);
        JsonNode sample = golden.data();
        NotificationSentEvent event = new NotificationSentEvent(
                UUID.fromString(sample.get("notificationId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                UUID.fromString(sample.get("requestId").asText()),
                "VERIFICATION_CODE",
                1,
                Instant.parse("2026-11-29T10:20:02Z"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("subject"))
                .isEqualTo(sample.get("notificationId").asText());
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    @Test
    void notificationFailedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(NotificationEvent.TOPIC, NotificationFailedEvent.TYPE);
        JsonNode sample = golden.data();
        NotificationFailedEvent event = new NotificationFailedEvent(
                UUID.fromString(sample.get("notificationId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                UUID.fromString(sample.get("requestId").asText()),
                "VERIFICATION_CODE",
                3,
                "SMTP_UNAVAILABLE",
                true,
                Instant.parse("2026-11-29T10:21:00Z"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(NotificationFailedEvent.TYPE);
    }

    /** The record routes itself (topic, key, CloudEvents attributes) exactly as its golden sample travels. */
    private static void assertRoutedLike(GoldenEvent golden, DomainEvent e) {
        var routing =
                new GoldenEvent.Routing(e.topic(), e.key(), e.type(), e.accountId(), e.subject(), e.schemaVersion());
        assertThat(routing).isEqualTo(golden.routing());
    }
}
