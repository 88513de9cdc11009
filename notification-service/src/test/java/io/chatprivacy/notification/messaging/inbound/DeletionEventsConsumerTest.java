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
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the deletion-events contract: deletion-service's golden samples become mail to
 * the account's registered owner address, delivered through a real SMTP server.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class DeletionEventsConsumerTest {

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

    @BeforeEach
    void registerAnAccount() {
        owner = Fixtures.registerAccount(kafka, accounts);
        requestId = UUID.randomUUID();
    }

    @Test
    void theCodeGoesToTheRegisteredOwnerOnlyAndNeverIntoLogsEventsOrTheDatabase() throws Exception {
        UUID jobId = UUID.randomUUID();
        String code = Seals.code(10);
        String intruder = "intruder-" + UUID.randomUUID() + "@evil.example";
        // an address smuggled into the event must not matter: the recipient is the registered owner
        GoldenEvent issued = Fixtures.verificationIssued(owner.accountId(), requestId, jobId, code)
                .withData(Map.of("ownerEmail", intruder, "recipient", intruder, "subjectEmail", intruder));
        var sent = Fixtures.read(kafka, "notification-events");
        try (LogCapture logs = LogCapture.start()) {
            Fixtures.send(kafka, issued.toRecord());

            await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
            MimeMessage message = mail.messagesTo(owner.email()).get(0);
            assertThat(recipients(message)).containsExactly(owner.email());
            assertThat(mail.messagesTo(intruder)).isEmpty();

            String text = Fixtures.text(message);
            String html = Fixtures.html(message);
            assertThat(message.getSubject()).contains("Demo Shop").doesNotContain(code);
            assertThat(text)
                    .contains("Your verification code: " + code)
                    .contains("every chat and ticket tagged \"Delete\"")
                    .contains("Chats:   300")
                    .contains("Tickets: 50")
                    .contains("POST http://localhost:8083/accounts/" + owner.accountId() + "/deletion-requests/"
                            + requestId + "/verification")
                    .contains("{\"code\":\"" + code + "\"}")
                    .contains("UTC (30 minutes)")
                    .contains("Demo Shop");
            assertThat(html).contains("<strong>" + code + "</strong>").contains("&ldquo;Delete&rdquo;");

            await().atMost(WAIT)
                    .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
            OutgoingMail row = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(message.getMessageID()).isEqualTo("<" + row.id() + "@notification.chat-privacy.local>");
            assertThat(row.template()).isEqualTo(MailTemplate.VERIFICATION_CODE);
            assertThat(row.recipient()).isEqualTo(owner.email());
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(row.sealedSecret()).isNull();
            assertThat(row.textBody()).doesNotContain(code).contains(MailTemplates.MASKED_CODE);
            assertThat(row.htmlBody()).doesNotContain(code);
            assertThat(row.model()).doesNotContain(code);

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(sent, "notification.sent.v1", row.id())
                            .isEmpty());
            ConsumerRecord<String, String> event =
                    Fixtures.about(sent, "notification.sent.v1", row.id()).get(0);
            assertThat(event.key()).isEqualTo(owner.accountId().toString());
            assertThat(event.value())
                    .doesNotContain(code)
                    .doesNotContain(owner.email())
                    .doesNotContain("@");
            JsonNode data = mapper.readTree(event.value());
            assertThat(data.get("template").asText()).isEqualTo("VERIFICATION_CODE");
            assertThat(data.get("requestId").asText()).isEqualTo(requestId.toString());
            assertThat(data.get("attempts").asInt()).isEqualTo(1);

            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(code));
            assertThat(logs.lines()).noneMatch(line -> line.contains(owner.email()));
        } finally {
            sent.stop();
        }
    }

    @Test
    void aRedeliveredEventSendsOneMail() {
        ProducerRecord<String, String> issued = Fixtures.verificationIssued(
                        owner.accountId(), requestId, UUID.randomUUID(), Seals.code(8))
                .toRecord();
        Fixtures.send(kafka, issued);
        Fixtures.send(kafka, issued);
        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, issued));
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        await().atMost(WAIT)
                .until(() ->
                        Fixtures.mailsAbout(mails, requestId).stream().allMatch(m -> m.status() == MailStatus.SENT));
        assertThat(Fixtures.mailsAbout(mails, requestId)).hasSize(1);
        assertThat(mail.messagesTo(owner.email())).hasSize(1);
    }

    @Test
    void theConfirmationReportsWhatThePurgeDid() throws Exception {
        UUID jobId = UUID.randomUUID();
        UUID receiptId = UUID.randomUUID();
        Fixtures.send(
                kafka,
                Fixtures.sample(
                                "deletion-events",
                                "deletion.purge-completed.v1",
                                owner.accountId(),
                                jobId,
                                Map.of(
                                        "requestId", requestId.toString(),
                                        "jobId", jobId.toString(),
                                        "receiptId", receiptId.toString()))
                        .toRecord());

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage message = mail.messagesTo(owner.email()).get(0);
        assertThat(message.getSubject()).contains("Deletion completed").contains(receiptId.toString());
        assertThat(Fixtures.text(message))
                .contains("every chat and ticket tagged \"Delete\"")
                .contains("Chats deleted:   300")
                .contains("Tickets deleted: 50")
                .contains("Chats kept because of a legal hold: 2")
                .contains("Tickets kept because of a legal hold: 1")
                .contains("Receipt:       " + receiptId)
                .contains("Completed:     2026-11-29 10:31 UTC")
                .contains("The chats and tickets under legal hold were not deleted");
        assertThat(Fixtures.html(message))
                .contains(receiptId.toString())
                .contains("<td>300</td>")
                .contains("Tickets kept because of a legal hold</th><td>1</td>");
        assertThat(Fixtures.mailsAbout(mails, requestId))
                .singleElement()
                .satisfies(row -> assertThat(row.template()).isEqualTo(MailTemplate.PURGE_CONFIRMATION));
    }

    @Test
    void heldTicketsAloneAreReportedAsKept() throws Exception {
        UUID jobId = UUID.randomUUID();
        Fixtures.send(
                kafka,
                Fixtures.sample(
                                "deletion-events",
                                "deletion.purge-completed.v1",
                                owner.accountId(),
                                jobId,
                                Map.of(
                                        "requestId",
                                        requestId.toString(),
                                        "jobId",
                                        jobId.toString(),
                                        "chatsSkippedLegalHold",
                                        0,
                                        "ticketsSkippedLegalHold",
                                        3))
                        .toRecord());

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        assertThat(Fixtures.text(mail.messagesTo(owner.email()).get(0)))
                .contains("Chats kept because of a legal hold: 0")
                .contains("Tickets kept because of a legal hold: 3")
                .contains("The chats and tickets under legal hold were not deleted");
    }

    @Test
    void aLockedJobIsReportedToTheOwnerWithWhatItWasAbout() throws Exception {
        UUID jobId = UUID.randomUUID();
        Fixtures.send(
                kafka,
                Fixtures.verificationIssued(owner.accountId(), requestId, jobId, Seals.code(8))
                        .withData(Map.of("tag", "Spam <b>"))
                        .toRecord());
        Fixtures.send(
                kafka,
                Fixtures.sample(
                                "deletion-events",
                                "deletion.job-locked.v1",
                                owner.accountId(),
                                jobId,
                                Map.of("requestId", requestId.toString(), "jobId", jobId.toString()))
                        .toRecord());

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 2);
        MimeMessage notice = mail.messagesTo(owner.email()).stream()
                .filter(m -> subject(m).contains("locked"))
                .findFirst()
                .orElseThrow();
        assertThat(Fixtures.text(notice))
                .contains("5 wrong verification codes")
                .contains("(everything tagged \"Spam <b>\")")
                .contains("nothing was deleted")
                .contains("POST http://localhost:8083/accounts/" + owner.accountId() + "/deletion-requests/" + requestId
                        + "/verification-code");
        // HTML-escaped in the HTML variant: a tag is data, never markup
        assertThat(Fixtures.html(notice)).contains("Spam &lt;b&gt;").doesNotContain("Spam <b>");
    }

    @Test
    void aCodeThatCannotBeOpenedIsNeverMailedAndGoesToTheDeadLetterTopic() {
        UUID jobId = UUID.randomUUID();
        // the golden sample's sealedCode is a placeholder, not a real seal
        ProducerRecord<String, String> placeholder = Fixtures.sample(
                        "deletion-events",
                        "deletion.verification-issued.v1",
                        owner.accountId(),
                        jobId,
                        Map.of("requestId", requestId.toString(), "jobId", jobId.toString()))
                .toRecord();
        // a real seal, but for another job
        ProducerRecord<String, String> otherJob = Fixtures.verificationIssued(
                        owner.accountId(), requestId, jobId, Seals.code(8))
                .withData(Map.of("sealedCode", Seals.seal("12345678", UUID.randomUUID())))
                .toRecord();
        var dead = Fixtures.read(kafka, "notification-service.deletion-events.dlq");
        try {
            Fixtures.send(kafka, placeholder);
            Fixtures.send(kafka, otherJob);
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                                    .filter(r -> jobId.toString().equals(Fixtures.header(r, "ce_subject")))
                                    .count()
                            == 2);
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void withoutTheAccountsRegisteredAddressNothingIsSentAndTheEventIsDeadLettered() {
        UUID unknownAccount = UUID.randomUUID();
        UUID jobId = UUID.randomUUID();
        var dead = Fixtures.read(kafka, "notification-service.deletion-events.dlq");
        try {
            Fixtures.send(
                    kafka,
                    Fixtures.verificationIssued(unknownAccount, requestId, jobId, Seals.code(8))
                            .toRecord());
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> unknownAccount.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
    }

    private static List<String> recipients(MimeMessage message) throws Exception {
        // every header recipient (To, Cc); Bcc leaves no header, but would show as an envelope recipient
        return Arrays.stream(message.getAllRecipients()).map(Address::toString).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
