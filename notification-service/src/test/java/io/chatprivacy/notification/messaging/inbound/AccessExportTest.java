package io.chatprivacy.notification.messaging.inbound;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.InjectMailServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.LogCapture;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.notification.ExportServerResource;
import io.chatprivacy.notification.Fixtures;
import io.chatprivacy.notification.Fixtures.Owner;
import io.chatprivacy.notification.InjectExportServer;
import io.chatprivacy.notification.Seals;
import io.chatprivacy.notification.domain.FailureReason;
import io.chatprivacy.notification.domain.MailStatus;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access copy end to end within this service: deletion-service's golden {@code deletion.export-ready.v1}
 * queues a mail to the consumer; at send time the export is fetched, with the token the test sealed, from a
 * local HTTP server serving the golden HTTP sample ({@code contracts/http/deletion-service.export.v1.json}),
 * written into the mail and attached; nothing of it stays here.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
@QuarkusTestResource(ExportServerResource.class)
class AccessExportTest {

    /** A scripted answer: stall until the client gave up, then answer (too late). */
    private static final int STALL = -1;

    /** What the stand-in serves, by export id. */
    private static final Map<String, Served> SERVED = new ConcurrentHashMap<>();

    private static final String[] SAMPLE_TEXTS = {
        "Hi, my order 4411 has not arrived.", "Sorry to hear that, let me check.", "The parcel was re-sent today."
    };

    @Inject
    AccountRepository accounts;

    @Inject
    OutgoingMailRepository mails;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectMailServer
    MailServer mail;

    @InjectExportServer
    HttpServer exportServer;

    private Owner owner;
    private UUID requestId;
    private UUID exportId;
    private String consumer;
    private String token;

    /** One export the stand-in serves: the token it requires, the body, answers to give before the body. */
    private record Served(
            String token,
            byte[] body,
            Deque<Integer> script,
            AtomicInteger hits,
            AtomicInteger wrongTokens,
            CountDownLatch release) {}

    @BeforeEach
    void prepare() {
        try {
            exportServer.removeContext("/exports/");
        } catch (IllegalArgumentException notYet) {
            // the first test of this server
        }
        exportServer.createContext("/exports/", AccessExportTest::handle);
        owner = Fixtures.registerAccount(kafka, accounts);
        requestId = UUID.randomUUID();
        exportId = UUID.randomUUID();
        consumer = "visitor-" + UUID.randomUUID() + "@example.com";
        token = Seals.exportToken();
    }

    @AfterEach
    void release() {
        SERVED.values().forEach(served -> served.release().countDown());
    }

    @Test
    void theCopyReachesTheConsumerReadableAndAttachedAndNothingOfItStaysHere() throws Exception {
        ObjectNode document = sampleDocument();
        Served served = serve(document);
        GoldenEvent ready = exportReady(Seals.sealExportToken(token, exportId));
        String sealedToken = ready.data().get("sealedToken").asText();
        var events = Fixtures.read(kafka, "notification-events");
        try (LogCapture logs = LogCapture.start()) {
            Fixtures.send(kafka, ready.toRecord());

            await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
            MimeMessage message = mail.messagesTo(consumer).get(0);
            assertThat(message.getSubject()).isEqualTo("Your chat data from Demo Shop");
            String text = text(message);
            String html = Fixtures.html(message);
            assertThat(text).contains(SAMPLE_TEXTS);
            assertThat(html).contains(SAMPLE_TEXTS);
            assertThat(text)
                    .contains("Chat chat-1001")
                    .contains("Started: 2026-10-02 14:00 UTC")
                    .contains("Visitor: Dana Visitor <visitor@example.com>")
                    .contains("[2026-10-02 14:00 UTC] Visitor:\nHi, my order 4411 has not arrived.")
                    .contains("[2026-10-02 14:01 UTC] Agent:\nSorry to hear that, let me check.")
                    .contains("Ticket ticket-77: Order 4411 missing")
                    .contains("Status:    solved")
                    .contains("[2026-10-03 09:00 UTC] Agent:\nThe parcel was re-sent today.")
                    .contains("chat-data-" + requestId + ".json")
                    .contains(requestId.toString());
            assertThat(html)
                    .contains("<strong>Visitor</strong>")
                    .contains("<strong>Agent</strong>")
                    .contains("Dana Visitor &lt;visitor@example.com&gt;");

            Part attachment = attachment(message, "chat-data-" + requestId + ".json");
            assertThat(attachment.isMimeType("application/json")).isTrue();
            try (InputStream in = attachment.getInputStream()) {
                assertThat(mapper.readTree(in)).isEqualTo(document);
            }
            assertThat(served.hits()).hasValue(1);
            assertThat(served.wrongTokens()).hasValue(0);
            assertThat(mail.messagesTo(owner.email())).isEmpty();

            await().atMost(WAIT)
                    .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
            OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(Fixtures.mailsAbout(mails, requestId)).hasSize(1);
            assertThat(row.template()).isEqualTo(MailTemplate.ACCESS_EXPORT);
            assertThat(row.recipient()).isEqualTo(consumer);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.model()).contains(exportId.toString());
            assertThat(row.textBody()).contains("This delivery log keeps no copy of them");
            // the whole row, every column as the database holds it: no content, no token
            String stored = storedRow(row.id());
            for (String content : SAMPLE_TEXTS) {
                assertThat(stored).doesNotContain(content);
            }
            assertThat(stored)
                    .doesNotContain("Order 4411 missing")
                    .doesNotContain("Dana Visitor")
                    .doesNotContain(token)
                    .doesNotContain(sealedToken);

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.sent.v1", row.id())
                            .isEmpty());
            List<ConsumerRecord<String, String>> sent = Fixtures.about(events, "notification.sent.v1", row.id());
            assertThat(sent).hasSize(1);
            JsonNode data = mapper.readTree(sent.get(0).value());
            assertThat(data.get("template").asText()).isEqualTo("ACCESS_EXPORT");
            assertThat(data.get("requestId").asText()).isEqualTo(requestId.toString());
            assertThat(sent.get(0).value()).doesNotContain("@").doesNotContain(token);

            assertThat(logs.lines())
                    .isNotEmpty()
                    .noneMatch(line -> line.contains(token))
                    .noneMatch(line -> line.contains(sealedToken))
                    .noneMatch(line -> line.contains(consumer))
                    .noneMatch(line -> line.contains("visitor@example.com"));
            for (String content : SAMPLE_TEXTS) {
                assertThat(logs.lines()).noneMatch(line -> line.contains(content));
            }
        } finally {
            events.stop();
        }
    }

    @Test
    void anUnavailableOrStalledExportServiceIsRetriedAndTheCopyGoesOnce() throws Exception {
        ObjectNode document = sampleDocument();
        // a message text that looks like markup stays text in the HTML part
        ((ArrayNode) document.at("/chats/0/messages"))
                .addObject()
                .put("authorType", "BOT")
                .put("text", "<b>not markup</b>")
                .put("sentAt", "2026-10-02T14:02:00Z");
        Served served = serve(document, 503, STALL);
        var events = Fixtures.read(kafka, "notification-events");
        try {
            Fixtures.send(
                    kafka, exportReady(Seals.sealExportToken(token, exportId)).toRecord());

            await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
            await().atMost(WAIT)
                    .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
            OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
            // a 503, a read timeout, then the export
            assertThat(served.hits()).hasValue(3);
            assertThat(row.attempts()).isEqualTo(3);
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.lastError()).isNull();

            MimeMessage message = mail.messagesTo(consumer).get(0);
            assertThat(text(message)).contains(SAMPLE_TEXTS).contains("] Bot:\n<b>not markup</b>");
            assertThat(Fixtures.html(message))
                    .contains("&lt;b&gt;not markup&lt;/b&gt;")
                    .doesNotContain("<b>not markup</b>");

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.sent.v1", row.id())
                            .isEmpty());
            List<ConsumerRecord<String, String>> failed = Fixtures.about(events, "notification.failed.v1", row.id());
            assertThat(failed).isNotEmpty();
            JsonNode first = mapper.readTree(failed.get(0).value());
            assertThat(first.get("reason").asText()).isEqualTo("EXPORT_UNAVAILABLE");
            assertThat(first.get("willRetry").asBoolean()).isTrue();
            assertThat(first.get("attempts").asInt()).isEqualTo(1);
            assertThat(first.get("template").asText()).isEqualTo("ACCESS_EXPORT");
            assertThat(Fixtures.about(events, "notification.sent.v1", row.id())).hasSize(1);
            assertThat(mail.messagesTo(consumer)).hasSize(1);
            assertThat(Fixtures.mailsAbout(mails, requestId)).hasSize(1);
        } finally {
            events.stop();
        }
    }

    @Test
    void aGoneExportIsGivenUpAndReportedWithoutRetry() throws Exception {
        Served served = serve(sampleDocument(), 404);
        var events = Fixtures.read(kafka, "notification-events");
        try {
            Fixtures.send(
                    kafka, exportReady(Seals.sealExportToken(token, exportId)).toRecord());

            await().atMost(WAIT)
                    .until(() -> !Fixtures.mailsAbout(mails, requestId).isEmpty()
                            && Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.FAILED);
            OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(row.failureReason()).isEqualTo(FailureReason.EXPORT_GONE);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.sealedSecret()).isNull();
            assertThat(served.hits()).hasValue(1);
            assertThat(served.wrongTokens()).hasValue(0);

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.failed.v1", row.id())
                            .isEmpty());
            JsonNode failed = mapper.readTree(Fixtures.about(events, "notification.failed.v1", row.id())
                    .get(0)
                    .value());
            assertThat(failed.get("reason").asText()).isEqualTo("EXPORT_GONE");
            assertThat(failed.get("willRetry").asBoolean()).isFalse();
            assertThat(failed.get("requestId").asText()).isEqualTo(requestId.toString());
            assertThat(Fixtures.about(events, "notification.sent.v1", row.id())).isEmpty();
            assertThat(mail.messagesTo(consumer)).isEmpty();
            // final: never tried again
            assertThat(Fixtures.mailsAbout(mails, requestId).get(0).attempts()).isEqualTo(1);
            assertThat(served.hits()).hasValue(1);
        } finally {
            events.stop();
        }
    }

    @Test
    void anExpiredExportIsGivenUpWithoutAsking() {
        Served served = serve(sampleDocument());
        Fixtures.send(
                kafka,
                exportReady(Seals.sealExportToken(token, exportId))
                        .withData(Map.of(
                                "expiresAt",
                                Instant.now().minus(1, ChronoUnit.MINUTES).toString()))
                        .toRecord());

        await().atMost(WAIT)
                .until(() -> !Fixtures.mailsAbout(mails, requestId).isEmpty()
                        && Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.FAILED);
        OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
        assertThat(row.failureReason()).isEqualTo(FailureReason.EXPORT_GONE);
        assertThat(row.attempts()).isZero();
        assertThat(served.hits()).hasValue(0);
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void aTokenThatCannotBeOpenedOrIsNoTokenIsDeadLetteredAndNothingIsQueued() {
        Served served = serve(sampleDocument());
        // the golden sample's sealedToken is a placeholder, not a real seal
        ProducerRecord<String, String> placeholder = exportReady(null).toRecord();
        // a real seal, but of a verification code for the same id: domain separation refuses it
        ProducerRecord<String, String> aCode =
                exportReady(Seals.seal("12345678", exportId)).toRecord();
        // a real seal of something that could bend the HTTP request it would go into
        ProducerRecord<String, String> injection = exportReady(
                        Seals.sealExportToken(token + "\r\nX-Other: 1", exportId))
                .toRecord();
        var dead = Fixtures.read(kafka, "notification-service.deletion-events.dlq");
        try {
            Fixtures.send(kafka, placeholder);
            Fixtures.send(kafka, aCode);
            Fixtures.send(kafka, injection);
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> exportId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == 3);
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
        assertThat(served.hits()).hasValue(0);
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    /** The golden export-ready event, aimed at this test's account, request, export and consumer. */
    private GoldenEvent exportReady(String sealedToken) {
        Map<String, Object> data = new HashMap<>();
        data.put("exportId", exportId.toString());
        data.put("requestId", requestId.toString());
        data.put("subjectEmail", consumer);
        data.put(
                "expiresAt",
                Instant.now()
                        .plus(7, ChronoUnit.DAYS)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString());
        if (sealedToken != null) {
            data.put("sealedToken", sealedToken);
        }
        return Fixtures.sample("deletion-events", "deletion.export-ready.v1", owner.accountId(), exportId, data);
    }

    /** deletion-service's golden HTTP sample, about this test's export, request and account. */
    private ObjectNode sampleDocument() {
        try {
            ObjectNode document = (ObjectNode) mapper.readTree(Files.readString(
                    GoldenEvent.contractsDir().resolve("http").resolve("deletion-service.export.v1.json")));
            document.put("exportId", exportId.toString());
            document.put("requestId", requestId.toString());
            document.put("accountId", owner.accountId().toString());
            return document;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Served serve(JsonNode document, int... answersFirst) {
        Deque<Integer> script = new ConcurrentLinkedDeque<>();
        for (int answer : answersFirst) {
            script.add(answer);
        }
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(document);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Served served =
                new Served(token, body, script, new AtomicInteger(), new AtomicInteger(), new CountDownLatch(1));
        SERVED.put(exportId.toString(), served);
        return served;
    }

    /** deletion-service's {@code GET /exports/{exportId}} as the contract describes it, scripted. */
    private static void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String id = exchange.getRequestURI().getPath().substring("/exports/".length());
            Served served = SERVED.get(id);
            if (served == null || !"GET".equals(exchange.getRequestMethod())) {
                answer(exchange, 404, problem(404));
                return;
            }
            served.hits().incrementAndGet();
            if (!served.token().equals(exchange.getRequestHeaders().getFirst("X-Export-Token"))) {
                served.wrongTokens().incrementAndGet();
                answer(exchange, 404, problem(404));
                return;
            }
            Integer scripted = served.script().poll();
            if (scripted == null) {
                answer(exchange, 200, served.body());
            } else if (scripted == STALL) {
                // hold the answer until the test ends; the client's read timeout gives up long before
                served.release().await(10, TimeUnit.SECONDS);
                answer(exchange, 200, served.body());
            } else {
                answer(exchange, scripted, problem(scripted));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientGone) {
            // the client gave up (the stalled answer): nothing to tell anyone
        }
    }

    private static byte[] problem(int status) {
        return ("{\"type\":\"about:blank\",\"title\":\"scripted\",\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders()
                .add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The text part with its line breaks as written (SMTP carries them as CRLF). */
    private static String text(MimeMessage message) {
        return Fixtures.text(message).replace("\r\n", "\n");
    }

    /** The delivery log's row as the database holds it, every column as text. */
    private String storedRow(UUID id) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select row_to_json(m)::text from outgoing_mail m where id = ?")) {
            query.setObject(1, id);
            try (ResultSet result = query.executeQuery()) {
                assertThat(result.next()).isTrue();
                return result.getString(1);
            }
        }
    }

    private static Part attachment(Part part, String fileName) throws Exception {
        List<Part> found = new ArrayList<>();
        collect(part, fileName, found);
        assertThat(found).as("attachment " + fileName).hasSize(1);
        return found.get(0);
    }

    private static void collect(Part part, String fileName, List<Part> found) throws Exception {
        if (fileName.equals(part.getFileName())) {
            found.add(part);
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), fileName, found);
            }
        }
    }
}
