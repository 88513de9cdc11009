package io.chatprivacy.request.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.platform.events.DomainEvent;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer's side of the contract: our records serialise exactly to the golden samples. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class AccountEventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void accountRegisteredMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(AccountEvent.TOPIC, AccountRegisteredEvent.TYPE);
        JsonNode sample = golden.data();
        AccountRegisteredEvent event = new AccountRegisteredEvent(
                UUID.fromString(sample.get("accountId").asText()),
                sample.get("name").asText(),
                sample.get("ownerEmail").asText(),
                sample.get("widgetKeySha256").asText(),
                List.of("https://shop.example", "http://localhost:3000"),
                "ACTIVE",
                Instant.parse(sample.get("registeredAt").asText()));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertRoutedLike(golden, event);
        assertThat(golden.attribute("type")).isEqualTo(AccountRegisteredEvent.TYPE);
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    /** The record routes itself (topic, key, CloudEvents attributes) exactly as its golden sample travels. */
    private static void assertRoutedLike(GoldenEvent golden, DomainEvent e) {
        var routing =
                new GoldenEvent.Routing(e.topic(), e.key(), e.type(), e.accountId(), e.subject(), e.schemaVersion());
        assertThat(routing).isEqualTo(golden.routing());
    }
}
