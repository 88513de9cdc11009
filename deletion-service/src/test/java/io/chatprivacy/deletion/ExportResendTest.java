package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.deletion.service.ExportService;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A fresh copy of an ACCESS request: request-service's {@code request.export-requested.v1} (from its golden
 * sample) prepares a further export of the same request, one per attempt, each with its own token and
 * expiry, while the earlier exports keep working until their own expiry.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class ExportResendTest {

    private static final String READY = "deletion.export-ready.v1";
    // the address and visitor id of request-service's golden sample of request.export-requested.v1
    private static final String SAMPLE_EMAIL = "visitor@example.com";
    private static final String SAMPLE_VISITOR = "v-8f3a2c";

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AccountRepository accounts;

    @Inject
    CodeSealer sealer;

    @Inject
    TestClock clock;

    @Inject
    ExportService exports;

    private Fixtures.DeletionEvents events;

    @BeforeEach
    void listen() {
        events = new Fixtures.DeletionEvents(kafka);
    }

    @AfterEach
    void stop() {
        events.close();
    }

    @Test
    void aFreshCopyIsAFurtherExportWithItsOwnTokenAndEachAttemptExportsOnce() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@resend.example");
        Fixtures.ingestChats(
                a,
                List.of(
                        chat("r-1", SAMPLE_VISITOR, SAMPLE_EMAIL, List.of()),
                        chat("r-2", SAMPLE_VISITOR, null, List.of()), // the visitor's anonymous chat
                        chat("r-3", "v-other", "other@example.com", List.of())));
        Fixtures.ingestTickets(a, List.of(ticket("rt-1", SAMPLE_EMAIL, List.of())));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, SAMPLE_EMAIL, SAMPLE_VISITOR));
        JsonNode first = Requests.awaitForRequest(events, a, READY, request);

        GoldenEvent resend = Requests.exportRequested(a, request, 2);
        Requests.send(kafka, resend);
        List<JsonNode> ready = awaitReady(a, request, 2);
        JsonNode second = ready.get(1);

        // a new export of the same request: another id and token, the same matching rules and so the same counts
        UUID firstId = exportId(first);
        UUID secondId = exportId(second);
        assertThat(secondId).isNotEqualTo(firstId);
        String firstToken = token(first);
        String secondToken = token(second);
        assertThat(secondToken).isNotEqualTo(firstToken);
        assertThat(second.get("requestId").asText()).isEqualTo(request.toString());
        assertThat(second.get("chatCount").asInt())
                .isEqualTo(2)
                .isEqualTo(first.get("chatCount").asInt());
        assertThat(second.get("ticketCount").asInt())
                .isEqualTo(1)
                .isEqualTo(first.get("ticketCount").asInt());
        assertThat(second.get("subjectEmail").asText()).isEqualTo(SAMPLE_EMAIL);

        // both copies can be read, each with its own token only
        JsonPath firstCopy =
                read(firstId, firstToken).then().statusCode(200).extract().jsonPath();
        JsonPath secondCopy =
                read(secondId, secondToken).then().statusCode(200).extract().jsonPath();
        assertThat(secondCopy.getList("chats.chatId")).containsExactly("r-1", "r-2");
        assertThat(secondCopy.getList("chats.chatId")).isEqualTo(firstCopy.getList("chats.chatId"));
        assertThat(secondCopy.getList("tickets.ticketId")).containsExactly("rt-1");
        assertThat(secondCopy.getString("exportId")).isEqualTo(secondId.toString());
        read(firstId, secondToken).then().statusCode(404);
        read(secondId, firstToken).then().statusCode(404);

        // the same attempt redelivered (same event id) and published again (new id) exports nothing more;
        // the next attempt, sent after them on the same partition, does
        GoldenEvent republished = Requests.republished(resend);
        Requests.send(kafka, resend, republished, Requests.exportRequested(a, request, 3));
        List<JsonNode> afterThird = awaitReady(a, request, 3);
        assertThat(afterThird).hasSize(3);
        assertThat(exportId(afterThird.get(2))).isNotIn(firstId, secondId);
        Sql sql = new Sql(dataSource);
        assertThat(sql.rows("select attempt from data_export where request_id = ? order by attempt", request).stream()
                        .map(row -> ((Number) row.get("attempt")).intValue()))
                .containsExactly(1, 2, 3);
        // consumed as a no-op (its id remembered), not failed into the dead-letter topic
        assertThat(Requests.processed(sql, republished)).isTrue();
        // and the opened event redelivered still exports nothing more for attempt 1
        GoldenEvent reopened = Requests.republished(Requests.access(a, request, SAMPLE_EMAIL, SAMPLE_VISITOR));
        UUID marker = UUID.randomUUID();
        Requests.send(kafka, reopened, Requests.access(a, marker, "nobody@example.com", null));
        Requests.awaitForRequest(events, a, READY, marker);
        assertThat(Requests.forRequest(events, a, READY, request)).hasSize(3);
        assertThat(Requests.processed(sql, reopened)).isTrue();
    }

    @Test
    void eachExportStandsAloneUntilItsOwnExpiryAndAFreshCopyFollowsAnExpiredOne() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@alone.example");
        Fixtures.ingestChats(a, List.of(chat("s-1", SAMPLE_VISITOR, SAMPLE_EMAIL, List.of())));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, SAMPLE_EMAIL, null));
        JsonNode first = Requests.awaitForRequest(events, a, READY, request);
        UUID firstId = exportId(first);
        String firstToken = token(first);

        // three days later a fresh copy: a snapshot of the vault as it is then (a chat archived since is in
        // it), expiring seven days after it was prepared; the first copy is unchanged
        clock.advance(Duration.ofDays(3));
        Fixtures.ingestChats(a, List.of(chat("s-2", SAMPLE_VISITOR, SAMPLE_EMAIL, List.of())));
        Requests.send(kafka, Requests.exportRequested(a, request, 2));
        JsonNode second = awaitReady(a, request, 2).get(1);
        UUID secondId = exportId(second);
        String secondToken = token(second);
        assertThat(instant(second, "preparedAt"))
                .isAfterOrEqualTo(instant(first, "preparedAt").plus(Duration.ofDays(3)));
        assertThat(Duration.between(instant(second, "preparedAt"), instant(second, "expiresAt")))
                .isEqualTo(Duration.ofDays(7));
        assertThat(read(firstId, firstToken)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("chats.chatId"))
                .containsExactly("s-1");
        assertThat(read(secondId, secondToken)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("chats.chatId"))
                .containsExactly("s-1", "s-2");

        // the first copy expires on its own day; the second still works, also after the sweep
        clock.advance(Duration.ofDays(4).plusMinutes(1));
        read(firstId, firstToken).then().statusCode(410);
        read(secondId, secondToken).then().statusCode(200);
        assertThat(exports.sweepExpired()).isGreaterThanOrEqualTo(1);
        read(firstId, firstToken).then().statusCode(404);
        read(secondId, secondToken).then().statusCode(200);

        // once the second has expired too, a third attempt makes a copy that can be read again
        clock.advance(Duration.ofDays(3));
        read(secondId, secondToken).then().statusCode(410);
        Requests.send(kafka, Requests.exportRequested(a, request, 3));
        JsonNode third = awaitReady(a, request, 3).get(2);
        assertThat(read(exportId(third), token(third))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("chats.chatId"))
                .containsExactly("s-1", "s-2");
    }

    @Test
    void aFreshCopyThatBreaksTheContractIsDeadLetteredAndExportsNothing() {
        List<Map<String, Object>> broken = new ArrayList<>();
        broken.add(withNull("subjectEmail"));
        broken.add(Map.of("subjectEmail", "  "));
        broken.add(withNull("attempt"));
        broken.add(Map.of("attempt", 1)); // attempt 1 is the opened request's own export
        broken.add(Map.of("attempt", 0));
        broken.add(withNull("requestId"));
        Map<UUID, UUID> requestOfAccount = new HashMap<>();
        List<GoldenEvent> sent = new ArrayList<>();
        for (Map<String, Object> fields : broken) {
            UUID a = UUID.randomUUID();
            UUID request = UUID.randomUUID();
            Fixtures.registerAccount(accounts, a, "owner@poison.example");
            Fixtures.ingestChats(a, List.of(chat("p-1", SAMPLE_VISITOR, SAMPLE_EMAIL, List.of())));
            requestOfAccount.put(a, request);
            sent.add(Requests.exportRequested(a, request, fields));
        }

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.request-events.dlq");
        try {
            Requests.send(kafka, sent.toArray(GoldenEvent[]::new));
            await().atMost(Fixtures.WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .map(r -> UUID.fromString(r.key()))
                                    .distinct()
                                    .filter(requestOfAccount::containsKey)
                                    .count()
                            == requestOfAccount.size());
        } finally {
            dead.stop();
        }
        Sql sql = new Sql(dataSource);
        for (Map.Entry<UUID, UUID> entry : requestOfAccount.entrySet()) {
            assertThat(sql.count("select count(*) from data_export where account_id = ?", entry.getKey()))
                    .isZero();
            assertThat(Requests.forRequest(events, entry.getKey(), READY, entry.getValue()))
                    .isEmpty();
        }
        for (GoldenEvent event : sent) {
            assertThat(Requests.processed(sql, event)).isFalse();
        }
    }

    private List<JsonNode> awaitReady(UUID account, UUID request, int count) {
        await().atMost(Fixtures.WAIT)
                .until(() ->
                        Requests.forRequest(events, account, READY, request).size() >= count);
        return Requests.forRequest(events, account, READY, request);
    }

    private String token(JsonNode ready) {
        return sealer.openExportToken(ready.get("sealedToken").asText(), exportId(ready));
    }

    private static UUID exportId(JsonNode ready) {
        return UUID.fromString(ready.get("exportId").asText());
    }

    private static Instant instant(JsonNode data, String field) {
        return Instant.parse(data.get(field).asText());
    }

    private static Map<String, Object> withNull(String field) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(field, null);
        return fields;
    }

    /** The copy for the token's holder who proves the address with a mailed code (see {@link Copies}). */
    private Response read(UUID exportId, String token) {
        return Copies.read(events, sealer, exportId, token);
    }
}
