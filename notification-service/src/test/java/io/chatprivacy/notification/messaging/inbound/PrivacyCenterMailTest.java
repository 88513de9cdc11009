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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The privacy center's mails, from request-service's golden samples: the code that confirms a consumer's own
 * request goes to the address they gave (sealed at rest, opened only to send), and the receipt of a request made
 * there links to its status page with the status token (kept like a code).
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class PrivacyCenterMailTest {

    private static final String CODE_ISSUED = "request.consumer-verification-issued.v1";
    /** The code and token request-service's samples carry sealed (see contracts/request-events). */
    private static final String SAMPLE_CODE = "12345678";

    private static final String SAMPLE_STATUS_TOKEN = "Z29sZGVuLXNhbXBsZS1zdGF0dXMtdG9rZW4tMDAwMDE";

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
    private String consumer;

    @BeforeEach
    void registerAnAccount() {
        owner = Fixtures.registerAccount(kafka, accounts);
        consumer = "consumer-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void theCodeGoesToTheConsumersAddressAndIsNeverStoredLoggedOrPublished() throws Exception {
        GoldenEvent sample = GoldenEvent.load("request-events", CODE_ISSUED);
        UUID intakeId = UUID.fromString(sample.data().get("intakeId").asText());
        String sealedCode = sample.data().get("sealedCode").asText();
        var events = Fixtures.read(kafka, "notification-events");
        try (LogCapture logs = LogCapture.start()) {
            // the producer's sample as it is (its code sealed for its intake), to this test's account and address
            Fixtures.send(kafka, codeIssued(intakeId, Map.of("expiresAt", inAnHour())));

            await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
            MimeMessage message = mail.messagesTo(consumer).get(0);
            assertThat(Arrays.stream(message.getAllRecipients()).map(Address::toString))
                    .containsExactly(consumer);
            assertThat(mail.messagesTo(owner.email())).isEmpty();
            assertThat(message.getSubject())
                    .isEqualTo("Your code to confirm your privacy request to Demo Shop")
                    .doesNotContain(SAMPLE_CODE);
            String text = Fixtures.text(message).replace("\r\n", "\n");
            assertThat(text)
                    .contains("you asked Demo Shop for a copy of your personal information")
                    .contains("\nYour verification code: " + SAMPLE_CODE + "\n")
                    // the page where the code is typed, also for a request an authorised agent made
                    .contains("Enter it on the page where you made the request, or at http://localhost:8090/privacy/"
                            + owner.accountId() + "/intakes/" + intakeId + ".")
                    .containsPattern("valid until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC")
                    .doesNotContain("replaces the code");
            assertThat(Fixtures.html(message)).contains("<strong>" + SAMPLE_CODE + "</strong>");

            await().atMost(WAIT).until(() -> has(MailTemplate.CONSUMER_VERIFICATION_CODE, MailStatus.SENT));
            OutgoingMail row = row(MailTemplate.CONSUMER_VERIFICATION_CODE);
            assertThat(message.getMessageID()).isEqualTo("<" + row.id() + "@notification.chat-privacy.local>");
            assertThat(row.recipient()).isEqualTo(consumer);
            // there is no rights request yet: the mail names none
            assertThat(row.requestId()).isNull();
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.textBody()).contains("Your verification code: " + MailTemplates.MASKED_CODE);
            assertThat(storedRow(row.id())).doesNotContain(SAMPLE_CODE).doesNotContain(sealedCode);

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.sent.v1", row.id())
                            .isEmpty());
            ConsumerRecord<String, String> sent =
                    Fixtures.about(events, "notification.sent.v1", row.id()).get(0);
            assertThat(sent.value()).doesNotContain(SAMPLE_CODE).doesNotContain("@");
            JsonNode data = mapper.readTree(sent.value());
            assertThat(data.get("template").asText()).isEqualTo("CONSUMER_VERIFICATION_CODE");
            assertThat(data.get("requestId").isNull()).isTrue();

            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(SAMPLE_CODE));
            assertThat(logs.lines()).noneMatch(line -> line.contains(consumer));
        } finally {
            events.stop();
        }
    }

    @Test
    void aNewCodeSaysItReplacesTheOneBefore() throws Exception {
        UUID intakeId = UUID.randomUUID();
        String code = Seals.code(8);
        Fixtures.send(
                kafka,
                codeIssued(
                        intakeId,
                        Map.of(
                                "requestType",
                                "DELETE",
                                "sealedCode",
                                Seals.sealConsumerCode(code, intakeId),
                                "expiresAt",
                                inAnHour(),
                                "codeNumber",
                                2)));
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        assertThat(Fixtures.text(mail.messagesTo(consumer).get(0)))
                .contains("for deletion of your personal information")
                .contains("Your verification code: " + code)
                .contains("It replaces the code we sent you before, which no longer works.");
    }

    @Test
    void aCodeThatExpiredBeforeItCouldBeSentIsGivenUp() throws Exception {
        UUID intakeId = UUID.randomUUID();
        var events = Fixtures.read(kafka, "notification-events");
        try {
            Fixtures.send(
                    kafka,
                    codeIssued(
                            intakeId,
                            Map.of(
                                    "sealedCode",
                                    Seals.sealConsumerCode(Seals.code(8), intakeId),
                                    "expiresAt",
                                    Instant.now()
                                            .minus(1, ChronoUnit.MINUTES)
                                            .truncatedTo(ChronoUnit.SECONDS)
                                            .toString())));
            await().atMost(WAIT).until(() -> has(MailTemplate.CONSUMER_VERIFICATION_CODE, MailStatus.FAILED));
            OutgoingMail row = row(MailTemplate.CONSUMER_VERIFICATION_CODE);
            assertThat(row.failureReason()).isEqualTo(FailureReason.CODE_EXPIRED);
            assertThat(row.attempts()).isZero();
            assertThat(row.sealedSecret()).isNull();
            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.failed.v1", row.id())
                            .isEmpty());
            JsonNode failed = mapper.readTree(Fixtures.about(events, "notification.failed.v1", row.id())
                    .get(0)
                    .value());
            assertThat(failed.get("reason").asText()).isEqualTo("CODE_EXPIRED");
            assertThat(failed.get("willRetry").asBoolean()).isFalse();
            assertThat(failed.get("template").asText()).isEqualTo("CONSUMER_VERIFICATION_CODE");
        } finally {
            events.stop();
        }
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void aCodeSealedForAnotherPurposeOrIntakeIsDeadLetteredAndNeverMailed() {
        UUID intakeId = UUID.randomUUID();
        List<String> wrong = List.of(
                // an owner's deletion code, an export token and a status token sealed for the same id
                Seals.seal("12345678", intakeId),
                Seals.sealExportToken(Seals.exportToken(), intakeId),
                Seals.sealStatusToken("12345678", intakeId),
                // a consumer's code of another intake
                Seals.sealConsumerCode("12345678", UUID.randomUUID()));
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            for (String sealed : wrong) {
                Fixtures.send(kafka, codeIssued(intakeId, Map.of("sealedCode", sealed, "expiresAt", inAnHour())));
            }
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> intakeId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == wrong.size());
        } finally {
            dead.stop();
        }
        assertThat(rows(MailTemplate.CONSUMER_VERIFICATION_CODE)).isEmpty();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    @Test
    void aCodeForAnAddressThatIsNoSingleAddressIsDeadLettered() {
        UUID intakeId = UUID.randomUUID();
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            Map<String, Object> data = new HashMap<>();
            data.put("sealedCode", Seals.sealConsumerCode("12345678", intakeId));
            data.put("expiresAt", inAnHour());
            data.put("subjectEmail", consumer + "\r\nBcc: everyone@example.com");
            Fixtures.send(kafka, codeIssued(intakeId, data));
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> intakeId.toString().equals(Fixtures.header(r, "ce_subject"))));
        } finally {
            dead.stop();
        }
        assertThat(rows(MailTemplate.CONSUMER_VERIFICATION_CODE)).isEmpty();
    }

    @Test
    void theReceiptOfARequestMadeOnThePrivacyCenterLinksToItsStatusPage() throws Exception {
        GoldenEvent sample = GoldenEvent.load("request-events", "request.opened.v1");
        UUID requestId = UUID.fromString(sample.data().get("requestId").asText());
        String sealedToken = sample.data().get("sealedStatusToken").asText();
        // the producer's sample with its sealed token, as a consumer's own ACCESS request made on the web form
        Map<String, Object> data = new HashMap<>();
        data.put("requestType", "ACCESS");
        data.put("tag", null);
        data.put("channel", "WEB_FORM");
        data.put("subjectEmail", consumer);
        Fixtures.send(
                kafka,
                Fixtures.sample("request-events", "request.opened.v1", owner.accountId(), requestId, data)
                        .toRecord());

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage receipt = mail.messagesTo(consumer).get(0);
        assertThat(receipt.getSubject()).isEqualTo("We received your privacy request to Demo Shop");
        String link = "http://localhost:8090/privacy/" + owner.accountId() + "/requests/" + requestId + "?token="
                + SAMPLE_STATUS_TOKEN;
        assertThat(Fixtures.text(receipt).replace("\r\n", "\n"))
                .contains("\nFollow your request: " + link + "\n")
                .contains("by 2027-01-13 10:20 UTC at the latest");
        assertThat(Fixtures.html(receipt)).contains("<a href=\"" + link + "\">");

        await().atMost(WAIT).until(() -> has(MailTemplate.RECEIPT_CONFIRMATION, MailStatus.SENT));
        OutgoingMail row = row(MailTemplate.RECEIPT_CONFIRMATION);
        assertThat(row.sealedSecret()).isNull();
        assertThat(row.textBody())
                .contains("Follow your request: http://localhost:8090/privacy/" + owner.accountId() + "/requests/"
                        + requestId + "?token=" + MailTemplates.MASKED_CODE);
        assertThat(storedRow(row.id())).doesNotContain(SAMPLE_STATUS_TOKEN).doesNotContain(sealedToken);
    }

    @Test
    void aReceiptWithoutAStatusTokenIsAsBefore() throws Exception {
        UUID requestId = UUID.randomUUID();
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId.toString());
        data.put("requestType", "ACCESS");
        data.put("tag", null);
        data.put("subjectEmail", consumer);
        ProducerRecord<String, String> record = Fixtures.sample(
                        "request-events", "request.opened.v1", owner.accountId(), requestId, data)
                .toRecord();
        // the sample's own token is sealed for the sample's request: remove the field altogether
        ObjectMapper json = new ObjectMapper();
        var value = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(record.value());
        value.remove("sealedStatusToken");
        Fixtures.send(
                kafka,
                new ProducerRecord<>(
                        record.topic(), null, record.key(), json.writeValueAsString(value), record.headers()));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        String text = Fixtures.text(mail.messagesTo(consumer).get(0)).replace("\r\n", "\n");
        String asBefore = "Hello,\n\nDemo Shop received your request for a copy of your personal information on"
                + " 2026-11-29 10:20 UTC.\n\nWe may first need to confirm that the request comes from you; if"
                + " so, we will contact you through the channel you used. You will receive our answer by"
                + " 2027-01-13 10:20 UTC at the latest. If we need more time, we will tell you why before that"
                + " date.\n\nRequest: " + requestId;
        // the relay's copy ends without the template's final line break
        assertThat(text).isEqualTo(asBefore);
        await().atMost(WAIT).until(() -> has(MailTemplate.RECEIPT_CONFIRMATION, MailStatus.SENT));
        OutgoingMail row = row(MailTemplate.RECEIPT_CONFIRMATION);
        assertThat(row.textBody()).isEqualTo(asBefore + "\n");
        assertThat(row.model()).isNull();
        assertThat(row.uselessAfter()).isNull();
        assertThat(Fixtures.html(mail.messagesTo(consumer).get(0))).doesNotContain("Follow your request");
    }

    @Test
    void aStatusTokenThatDoesNotOpenForTheRequestIsDeadLetteredWithNothingQueued() {
        UUID requestId = UUID.randomUUID();
        List<String> wrong = List.of(
                // the golden sample's token belongs to the sample's request, not this one
                GoldenEvent.load("request-events", "request.opened.v1")
                        .data()
                        .get("sealedStatusToken")
                        .asText(),
                // a consumer's code sealed for this request's id: another purpose
                Seals.sealConsumerCode(Seals.exportToken(), requestId),
                // a right token, but one that would bend the link
                Seals.sealStatusToken("abc&x=1#fragment-0123456789", requestId));
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            for (String sealed : wrong) {
                Map<String, Object> data = new HashMap<>();
                data.put("requestId", requestId.toString());
                data.put("requestType", "ACCESS");
                data.put("tag", null);
                data.put("subjectEmail", consumer);
                data.put("sealedStatusToken", sealed);
                Fixtures.send(
                        kafka,
                        Fixtures.sample("request-events", "request.opened.v1", owner.accountId(), requestId, data)
                                .toRecord());
            }
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> requestId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == wrong.size());
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    /** request-service's sample re-aimed at this test's account, intake and consumer address. */
    private ProducerRecord<String, String> codeIssued(UUID intakeId, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("intakeId", intakeId.toString());
        fields.put("subjectEmail", consumer);
        fields.putAll(data);
        return Fixtures.sample("request-events", CODE_ISSUED, owner.accountId(), intakeId, fields)
                .toRecord();
    }

    private static String inAnHour() {
        return Instant.now()
                .plus(1, ChronoUnit.HOURS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    /** This test's account's mails of a template. */
    private List<OutgoingMail> rows(MailTemplate template) {
        return QuarkusTransaction.requiringNew()
                .call(() -> mails.list("accountId = ?1 and template = ?2", owner.accountId(), template));
    }

    /** Whether this test's account has exactly one mail of the template, in that status. */
    private boolean has(MailTemplate template, MailStatus status) {
        List<OutgoingMail> rows = rows(template);
        return rows.size() == 1 && rows.get(0).status() == status;
    }

    private OutgoingMail row(MailTemplate template) {
        List<OutgoingMail> rows = rows(template);
        assertThat(rows).hasSize(1);
        return rows.get(0);
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
}
