package io.chatprivacy.deletion;

import static io.chatprivacy.deletion.Fixtures.chat;
import static io.chatprivacy.deletion.Fixtures.ticket;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.deletion.crypto.CodeSealer;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.LogCapture;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The link's token alone opens no copy: a one-time code mailed to the address the copy was asked for must be
 * presented with it. Codes expire after 30 minutes, are used once, a new one replaces the last, an export gets
 * three at most and locks for good after five wrong ones; and a copy covers what was collected from 1 January
 * 2022 on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class ExportCodeTest {

    private static final String READY = "deletion.export-ready.v1";

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

    private Fixtures.DeletionEvents events;

    @BeforeEach
    void listen() {
        events = new Fixtures.DeletionEvents(kafka);
    }

    @AfterEach
    void stop() {
        events.close();
    }

    private record Export(UUID accountId, UUID exportId, String token, JsonNode ready) {}

    private Export export(String email) {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@" + a + ".example");
        Fixtures.ingestChats(a, List.of(chat("c-1", "v-1", email, List.of())));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, email, null));
        JsonNode ready = Requests.awaitForRequest(events, a, READY, request);
        UUID exportId = UUID.fromString(ready.get("exportId").asText());
        return new Export(
                a, exportId, sealer.openExportToken(ready.get("sealedToken").asText(), exportId), ready);
    }

    @Test
    void theTokenAloneOpensNothingTheCodeGoesToTheAddressAndOpensTheCopyOnce() {
        Export ivy = export("Ivy@Example.com");
        Instant before = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        Response asked;
        JsonNode issued;
        String code;
        List<String> logs;
        try (LogCapture capture = LogCapture.start()) {
            asked = Copies.askForCode(ivy.exportId(), ivy.token());
            asked.then()
                    .statusCode(202)
                    .body("exportId", equalTo(ivy.exportId().toString()))
                    .body("codeNumber", equalTo(1))
                    .body("codesLeft", equalTo(2))
                    .body("attemptsLeft", equalTo(5));
            issued = Copies.codeEvent(events, ivy.exportId(), 1);
            code = sealer.openExportCode(issued.get("sealedCode").asText(), ivy.exportId());

            // no code, or one that is not even digits: refused before any code is looked at (nothing counted)
            given().header("X-Export-Token", ivy.token())
                    .contentType(ContentType.JSON)
                    .body("{}")
                    .post("/exports/{id}/open", ivy.exportId())
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json");
            Copies.open(ivy.exportId(), ivy.token(), "abc").then().statusCode(400);

            Copies.open(ivy.exportId(), ivy.token(), code)
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body("chats.chatId", equalTo(List.of("c-1")))
                    .body("coversFrom", equalTo("2022-01-01T00:00:00Z"));
            // single use: the same code opens nothing again
            Copies.open(ivy.exportId(), ivy.token(), code)
                    .then()
                    .statusCode(409)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chat-privacy:problem:no-code"));
            logs = capture.lines();
        }
        // the code goes to the address the copy was asked for, sealed, for 30 minutes; keyed by the account
        assertThat(issued.get("subjectEmail").asText()).isEqualTo("Ivy@Example.com");
        assertThat(issued.get("accountId").asText()).isEqualTo(ivy.accountId().toString());
        assertThat(issued.get("requestId").asText())
                .isEqualTo(ivy.ready().get("requestId").asText());
        assertThat(code).matches("[0-9]{8}");
        assertThat(Instant.parse(issued.get("expiresAt").asText()))
                .isEqualTo(Instant.parse(asked.jsonPath().getString("expiresAt")))
                .isBetween(before.plus(Duration.ofMinutes(30)), clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(events.ofType(Copies.CODE_ISSUED).stream()
                        .filter(r -> r.value().contains(ivy.exportId().toString()))
                        .map(r -> r.key()))
                .containsOnly(ivy.accountId().toString());
        // neither the code nor the token nor the address in a log; the code kept only as its keyed hash
        assertThat(logs)
                .anyMatch(l -> l.contains(ivy.exportId().toString()))
                .noneMatch(l -> l.contains(code))
                .noneMatch(l -> l.contains(ivy.token()))
                .noneMatch(l -> l.toLowerCase().contains("ivy@"));
        Sql sql = new Sql(dataSource);
        Map<String, Object> row = sql.rows(
                        "select subject_address, codes_issued, opened_count, code_hash from data_export where id = ?",
                        ivy.exportId())
                .get(0);
        assertThat(row.get("code_hash")).isNull(); // used up
        assertThat(row.get("codes_issued")).isEqualTo(1);
        assertThat(row.get("opened_count")).isEqualTo(1);
        assertThat(new String((byte[]) row.get("subject_address"), StandardCharsets.ISO_8859_1))
                .doesNotContainIgnoringCase("ivy");
        assertThat(sql.count("select count(*) from outbox_event where payload like ?", "%" + code + "%"))
                .isZero();
    }

    @Test
    void anotherExportsCodeOrTokenOpensNothing() {
        Export ivy = export("ivy@example.com");
        Export jon = export("jon@example.com");
        String ivysCode = Copies.code(events, sealer, ivy.exportId(), ivy.token());
        String jonsCode = Copies.code(events, sealer, jon.exportId(), jon.token());

        // jon's token on ivy's export (and the reverse) is the unknown-export 404, with or without a code
        Copies.askForCode(ivy.exportId(), jon.token()).then().statusCode(404);
        Copies.open(ivy.exportId(), jon.token(), ivysCode).then().statusCode(404);
        Copies.open(jon.exportId(), ivy.token(), jonsCode).then().statusCode(404);
        // jon's code with ivy's token is a wrong code for ivy's export, even were the digits the same
        if (!jonsCode.equals(ivysCode)) {
            Copies.open(ivy.exportId(), ivy.token(), jonsCode)
                    .then()
                    .statusCode(422)
                    .body("type", equalTo("urn:chat-privacy:problem:wrong-code"));
        }
        Copies.open(ivy.exportId(), ivy.token(), ivysCode)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(ivy.accountId().toString()));
        Copies.open(jon.exportId(), jon.token(), jonsCode)
                .then()
                .statusCode(200)
                .body("accountId", equalTo(jon.accountId().toString()));
    }

    @Test
    void fiveWrongCodesLockTheCopyForGood() {
        Export kim = export("kim@example.com");
        String code = Copies.code(events, sealer, kim.exportId(), kim.token());
        String wrong = code.equals("00000000") ? "11111111" : "00000000";

        for (int left = 4; left >= 1; left--) {
            Copies.open(kim.exportId(), kim.token(), wrong)
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("type", equalTo("urn:chat-privacy:problem:wrong-code"))
                    .body(
                            "detail",
                            equalTo("The code is wrong; " + left + " more attempt(s) before this copy locks for good."))
                    .body("attemptsLeft", equalTo(left));
        }
        Copies.open(kim.exportId(), kim.token(), wrong)
                .then()
                .statusCode(422)
                .body(
                        "detail",
                        equalTo("The code is wrong and this copy is now locked for good; ask for a fresh copy."))
                .body("attemptsLeft", equalTo(0));

        // locked: the right code opens nothing, and no new code is sent
        Copies.open(kim.exportId(), kim.token(), code)
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:chat-privacy:problem:export-locked"));
        Copies.askForCode(kim.exportId(), kim.token())
                .then()
                .statusCode(409)
                .body("type", equalTo("urn:chat-privacy:problem:export-locked"));
        assertThat(Copies.codeEventCount(events, kim.exportId())).isEqualTo(1);
        assertThat(new Sql(dataSource)
                        .count(
                                "select count(*) from data_export where id = ? and locked_at is not null"
                                        + " and code_hash is null and failed_attempts = 5",
                                kim.exportId()))
                .isEqualTo(1);
    }

    @Test
    void aCodeLastsThirtyMinutesANewOneReplacesItAndThreeAreTheMost() {
        Export lea = export("lea@example.com");
        String first = Copies.code(events, sealer, lea.exportId(), lea.token());
        clock.advance(Duration.ofMinutes(30));
        Copies.open(lea.exportId(), lea.token(), first)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-privacy:problem:code-expired"));

        String second = Copies.code(events, sealer, lea.exportId(), lea.token());
        Response asked = Copies.askForCode(lea.exportId(), lea.token());
        asked.then().statusCode(202).body("codeNumber", equalTo(3)).body("codesLeft", equalTo(0));
        String third = sealer.openExportCode(
                Copies.codeEvent(events, lea.exportId(), 3).get("sealedCode").asText(), lea.exportId());
        if (!second.equals(third)) {
            // the third replaced the second
            Copies.open(lea.exportId(), lea.token(), second).then().statusCode(422);
        }
        Copies.open(lea.exportId(), lea.token(), third)
                .then()
                .statusCode(200)
                .body("chats.chatId", equalTo(List.of("c-1")));

        Copies.askForCode(lea.exportId(), lea.token())
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:chat-privacy:problem:no-codes-left"));
        assertThat(Copies.codeEventCount(events, lea.exportId())).isEqualTo(3);
    }

    @Test
    void whatWasCollectedBefore2022IsNotInTheCopy() {
        UUID a = UUID.randomUUID();
        Fixtures.registerAccount(accounts, a, "owner@range.example");
        Fixtures.ingestChats(
                a,
                List.of(
                        started(chat("r-2021", "v-max", "max@example.com", List.of()), "2021-12-31T23:59:59Z"),
                        started(chat("r-2022", "v-max", "max@example.com", List.of()), "2022-01-01T00:00:00Z"),
                        chat("r-2026", "v-max", "max@example.com", List.of())));
        Fixtures.ingestTickets(
                a,
                List.of(
                        created(ticket("rt-2021", "max@example.com", List.of()), "2021-06-01T12:00:00Z"),
                        created(ticket("rt-2023", "max@example.com", List.of()), "2023-03-01T12:00:00Z")));
        UUID request = UUID.randomUUID();
        Requests.send(kafka, Requests.access(a, request, "max@example.com", "v-max"));
        JsonNode ready = Requests.awaitForRequest(events, a, READY, request);

        assertThat(ready.get("coversFrom").asText()).isEqualTo("2022-01-01T00:00:00Z");
        assertThat(ready.get("chatCount").asInt()).isEqualTo(2);
        assertThat(ready.get("ticketCount").asInt()).isEqualTo(1);
        UUID exportId = UUID.fromString(ready.get("exportId").asText());
        Response copy = Copies.read(
                events,
                sealer,
                exportId,
                sealer.openExportToken(ready.get("sealedToken").asText(), exportId));
        copy.then()
                .statusCode(200)
                .body("coversFrom", equalTo("2022-01-01T00:00:00Z"))
                .body("chats.chatId", equalTo(List.of("r-2022", "r-2026")))
                .body("tickets.ticketId", equalTo(List.of("rt-2023")));
        assertThat(copy.asString()).doesNotContain("r-2021").doesNotContain("rt-2021");
        assertThat(new Sql(dataSource)
                        .count(
                                "select count(*) from data_export where id = ? and covers_from = '2022-01-01T00:00:00Z'",
                                exportId))
                .isEqualTo(1);
    }

    private static Map<String, Object> started(Map<String, Object> chat, String at) {
        chat.put("startedAt", at);
        chat.put("endedAt", Instant.parse(at).plusSeconds(600).toString());
        return chat;
    }

    private static Map<String, Object> created(Map<String, Object> ticket, String at) {
        ticket.put("createdAt", at);
        ticket.put("updatedAt", Instant.parse(at).plusSeconds(60).toString());
        return ticket;
    }
}
