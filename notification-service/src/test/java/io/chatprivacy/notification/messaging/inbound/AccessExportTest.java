package io.chatprivacy.notification.messaging.inbound;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.InjectMailServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.LogCapture;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.notification.Fixtures;
import io.chatprivacy.notification.Fixtures.Owner;
import io.chatprivacy.notification.Seals;
import io.chatprivacy.notification.domain.FailureReason;
import io.chatprivacy.notification.domain.MailStatus;
import io.chatprivacy.notification.domain.MailTemplate;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.mail.MailTemplates;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access copy by link within this service: deletion-service's golden {@code deletion.export-ready.v1} queues a
 * mail to the consumer that says what the copy holds, which dates it covers and until when, and links to the
 * privacy center's copy page with the export's token — no content, no attachment; the golden {@code
 * deletion.export-code-issued.v1} queues the code that opens the copy, for the same address. Token and code are
 * sealed at rest, masked in the stored bodies and never logged or published.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class AccessExportTest {

    private static final String CODE_ISSUED = "deletion.export-code-issued.v1";
    /** The code deletion-service's sample carries sealed for its export (see contracts/README.md). */
    private static final String SAMPLE_CODE = "12345678";

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

    private Owner owner;
    private UUID requestId;
    private UUID exportId;
    private String consumer;
    private String token;

    @BeforeEach
    void prepare() {
        owner = Fixtures.registerAccount(kafka, accounts);
        requestId = UUID.randomUUID();
        exportId = UUID.randomUUID();
        consumer = "visitor-" + UUID.randomUUID() + "@example.com";
        token = Seals.exportToken();
    }

    @Test
    void theMailLinksToTheCopyAndCarriesNoContentNorAttachment() throws Exception {
        GoldenEvent ready = exportReady(Seals.sealExportToken(token, exportId));
        String sealedToken = ready.data().get("sealedToken").asText();
        String link = "http://localhost:8090/privacy/" + owner.accountId() + "/copies/" + exportId + "?token=" + token;
        var events = Fixtures.read(kafka, "notification-events");
        try (LogCapture logs = LogCapture.start()) {
            Fixtures.send(kafka, ready.toRecord());

            await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
            MimeMessage message = mail.messagesTo(consumer).get(0);
            assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
                    .containsExactly(consumer);
            assertThat(message.getSubject()).isEqualTo("Your chat data from Demo Shop");
            String text = text(message);
            String html = Fixtures.html(message);
            // the sample: 3 chats, 1 ticket, collected from 2022-01-01 on
            assertThat(text)
                    .contains("Chats:   3\n")
                    .contains("Tickets: 1\n")
                    .containsPattern("Covers:  2022-01-01 to \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\n")
                    .contains("collected from 2022-01-01 on")
                    .contains("Open your copy: " + link + "\n")
                    .contains("sends a one-time code to this address")
                    .containsPattern("The link works until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                    .contains(requestId.toString());
            assertThat(html)
                    .contains("<a href=\"" + link + "\">Open your copy</a>")
                    .contains("2022-01-01 to ");
            // nothing of the copy itself: no attachment, no transcript
            assertThat(attachments(message)).isEmpty();
            assertThat(text).doesNotContain("Chat chat-").doesNotContain("visitor@example.com");
            assertThat(mail.messagesTo(owner.email())).isEmpty();

            await().atMost(WAIT)
                    .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
            OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(Fixtures.mailsAbout(mails, requestId)).hasSize(1);
            assertThat(row.template()).isEqualTo(MailTemplate.ACCESS_EXPORT);
            assertThat(row.recipient()).isEqualTo(consumer);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.textBody()).contains("?token=" + MailTemplates.MASKED_CODE);
            // the whole row, every column as the database holds it: no token, sealed or not
            assertThat(storedRow(row.id())).doesNotContain(token).doesNotContain(sealedToken);

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
                    .noneMatch(line -> line.contains(consumer));
        } finally {
            events.stop();
        }
    }

    @Test
    void anEventWithoutTheRangeStillLinksToTheCopy() throws Exception {
        Map<String, Object> withoutRange = new HashMap<>();
        withoutRange.put("coversFrom", null);
        Fixtures.send(
                kafka,
                exportReady(Seals.sealExportToken(token, exportId))
                        .withData(withoutRange)
                        .toRecord());
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        assertThat(text(mail.messagesTo(consumer).get(0)))
                .containsPattern("Covers:  up to \\d{4}-\\d{2}-\\d{2}")
                .contains("/copies/" + exportId + "?token=" + token);
    }

    @Test
    void anExpiredExportIsGivenUpWithoutSending() {
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
        assertThat(row.sealedSecret()).isNull();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void aTokenThatCannotBeOpenedOrCouldBendTheLinkIsDeadLetteredAndNothingIsQueued() {
        // the golden sample's sealedToken is a placeholder, not a real seal
        ProducerRecord<String, String> placeholder = exportReady(null).toRecord();
        // a real seal, but of a verification code and of an export's code for the same id: domain separation
        ProducerRecord<String, String> aCode =
                exportReady(Seals.seal("12345678", exportId)).toRecord();
        ProducerRecord<String, String> anExportCode =
                exportReady(Seals.sealExportCode("12345678", exportId)).toRecord();
        // real seals of something that would bend the link it goes into
        ProducerRecord<String, String> injection = exportReady(
                        Seals.sealExportToken(token + "&next=https://evil.example", exportId))
                .toRecord();
        ProducerRecord<String, String> lineBreak = exportReady(
                        Seals.sealExportToken(token + "\r\nX-Other: 1", exportId))
                .toRecord();
        var dead = Fixtures.read(kafka, "notification-service.deletion-events.dlq");
        try {
            for (ProducerRecord<String, String> record :
                    List.of(placeholder, aCode, anExportCode, injection, lineBreak)) {
                Fixtures.send(kafka, record);
            }
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> exportId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == 5);
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void theCodeThatOpensTheCopyGoesToTheAddressAndIsNeverStoredLoggedOrPublished() throws Exception {
        GoldenEvent sample = GoldenEvent.load("deletion-events", CODE_ISSUED);
        UUID sampleExport = UUID.fromString(sample.data().get("exportId").asText());
        String sealedCode = sample.data().get("sealedCode").asText();
        var events = Fixtures.read(kafka, "notification-events");
        try (LogCapture logs = LogCapture.start()) {
            // the producer's sample as it is (its code sealed for its export), to this test's account and address
            Fixtures.send(kafka, codeIssued(sampleExport, Map.of("expiresAt", inHalfAnHour())));

            await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
            MimeMessage message = mail.messagesTo(consumer).get(0);
            assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
                    .containsExactly(consumer);
            assertThat(message.getSubject())
                    .isEqualTo("Your code to open your chat data from Demo Shop")
                    .doesNotContain(SAMPLE_CODE);
            assertThat(text(message))
                    .contains("\nYour code: " + SAMPLE_CODE + "\n")
                    .containsPattern("valid until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC, opens the copy once")
                    .contains("locked after 5 wrong tries")
                    .doesNotContain("replaces the code");
            assertThat(Fixtures.html(message)).contains("<strong>" + SAMPLE_CODE + "</strong>");
            assertThat(mail.messagesTo(owner.email())).isEmpty();

            await().atMost(WAIT).until(() -> codeRow().status() == MailStatus.SENT);
            OutgoingMail row = codeRow();
            assertThat(row.template()).isEqualTo(MailTemplate.ACCESS_EXPORT_CODE);
            assertThat(row.recipient()).isEqualTo(consumer);
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.textBody()).contains("Your code: " + MailTemplates.MASKED_CODE);
            assertThat(storedRow(row.id())).doesNotContain(SAMPLE_CODE).doesNotContain(sealedCode);

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.sent.v1", row.id())
                            .isEmpty());
            ConsumerRecord<String, String> sent =
                    Fixtures.about(events, "notification.sent.v1", row.id()).get(0);
            assertThat(sent.value()).doesNotContain(SAMPLE_CODE).doesNotContain("@");
            assertThat(mapper.readTree(sent.value()).get("template").asText()).isEqualTo("ACCESS_EXPORT_CODE");

            assertThat(logs.lines())
                    .isNotEmpty()
                    .noneMatch(line -> line.contains(SAMPLE_CODE))
                    .noneMatch(line -> line.contains(consumer));
        } finally {
            events.stop();
        }
    }

    @Test
    void aLaterCodeSaysItReplacesTheOneBefore() throws Exception {
        String code = Seals.code(8);
        Fixtures.send(
                kafka,
                codeIssued(
                        exportId,
                        Map.of(
                                "sealedCode",
                                Seals.sealExportCode(code, exportId),
                                "codeNumber",
                                2,
                                "expiresAt",
                                inHalfAnHour())));
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        assertThat(text(mail.messagesTo(consumer).get(0)))
                .contains("Your code: " + code + "\n")
                .contains("It replaces the code we sent you before, which no longer works.");
    }

    @Test
    void aCodeThatExpiredBeforeItCouldBeSentIsGivenUp() {
        Fixtures.send(
                kafka,
                codeIssued(
                        exportId,
                        Map.of(
                                "sealedCode",
                                Seals.sealExportCode(Seals.code(8), exportId),
                                "expiresAt",
                                Instant.now()
                                        .minus(1, ChronoUnit.MINUTES)
                                        .truncatedTo(ChronoUnit.SECONDS)
                                        .toString())));
        await().atMost(WAIT).until(() -> codeRow() != null && codeRow().status() == MailStatus.FAILED);
        OutgoingMail row = codeRow();
        assertThat(row.failureReason()).isEqualTo(FailureReason.CODE_EXPIRED);
        assertThat(row.attempts()).isZero();
        assertThat(row.sealedSecret()).isNull();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void aCodeSealedForAnotherPurposeOrExportIsDeadLetteredAndNeverMailed() {
        List<String> wrong = List.of(
                Seals.seal("12345678", exportId),
                Seals.sealExportToken(Seals.exportToken(), exportId),
                Seals.sealConsumerCode("12345678", exportId),
                Seals.sealExportCode("12345678", UUID.randomUUID()));
        var dead = Fixtures.read(kafka, "notification-service.deletion-events.dlq");
        try {
            for (String sealed : wrong) {
                Fixtures.send(kafka, codeIssued(exportId, Map.of("sealedCode", sealed, "expiresAt", inHalfAnHour())));
            }
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> exportId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == wrong.size());
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
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

    /** The golden export-code-issued event for an export, to this test's account, request and consumer. */
    private ProducerRecord<String, String> codeIssued(UUID export, Map<String, Object> changes) {
        Map<String, Object> data = new HashMap<>(changes);
        data.put("exportId", export.toString());
        data.put("requestId", requestId.toString());
        data.put("subjectEmail", consumer);
        return Fixtures.sample("deletion-events", CODE_ISSUED, owner.accountId(), export, data)
                .toRecord();
    }

    private OutgoingMail codeRow() {
        List<OutgoingMail> rows = Fixtures.mailsAbout(mails, requestId).stream()
                .filter(m -> m.template() == MailTemplate.ACCESS_EXPORT_CODE)
                .toList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String inHalfAnHour() {
        return Instant.now()
                .plus(30, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
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

    private static List<String> attachments(Part part) throws Exception {
        List<String> found = new ArrayList<>();
        collect(part, found);
        return found;
    }

    private static void collect(Part part, List<String> found) throws Exception {
        if (part.getFileName() != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            found.add(String.valueOf(part.getFileName()));
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), found);
            }
        }
    }
}
