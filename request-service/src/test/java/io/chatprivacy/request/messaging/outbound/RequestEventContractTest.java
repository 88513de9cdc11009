package io.chatprivacy.request.messaging.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The producer's side of the request-events contract: our records serialise exactly to the golden samples. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class RequestEventContractTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void requestOpenedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, RequestOpenedEvent.TYPE);
        JsonNode sample = golden.data();
        RequestOpenedEvent event = new RequestOpenedEvent(
                UUID.fromString(sample.get("requestId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "DELETE",
                "Delete",
                null,
                null,
                "CHAT",
                "agent@demo.example",
                Instant.parse("2026-11-29T10:20:00Z"),
                Instant.parse("2026-12-11T10:20:00Z"),
                Instant.parse("2027-01-13T10:20:00Z"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertThat(golden.attribute("type")).isEqualTo(RequestOpenedEvent.TYPE);
        assertThat(golden.attribute("subject"))
                .isEqualTo(sample.get("requestId").asText());
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }

    @Test
    void requestDeclinedMatchesItsGoldenSample() {
        GoldenEvent golden = GoldenEvent.load(RequestEvent.TOPIC, RequestDeclinedEvent.TYPE);
        JsonNode sample = golden.data();
        RequestDeclinedEvent event = new RequestDeclinedEvent(
                UUID.fromString(sample.get("requestId").asText()),
                UUID.fromString(sample.get("accountId").asText()),
                "DELETE",
                "Delete",
                null,
                "LEGAL_HOLD",
                "Litigation hold on these chats until the case closes.",
                "owner@demo.example",
                Instant.parse("2026-11-29T11:00:00Z"));

        assertThat(mapper.<JsonNode>valueToTree(event)).isEqualTo(sample);
        assertThat(golden.attribute("type")).isEqualTo(RequestDeclinedEvent.TYPE);
        assertThat(golden.attribute("partitionkey")).isEqualTo(golden.attribute("accountid"));
    }
}
