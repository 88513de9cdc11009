package io.chatprivacy.notification.messaging.inbound;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.testing.InjectMailServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.notification.Fixtures;
import io.chatprivacy.notification.Fixtures.Owner;
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
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the new request-events samples: receipt confirmations, extension and
 * completion notices to the consumer's own address; deadline reminders and alerts to the owner.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class RequestLettersTest {

    @Inject
    AccountRepository accounts;

    @Inject
    OutgoingMailRepository mails;

    @Inject
    AgroalDataSource dataSource;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectMailServer
    MailServer mail;

    private Owner owner;
    private UUID requestId;
    private String consumer;

    @BeforeEach
    void registerAnAccount() {
        owner = Fixtures.registerAccount(kafka, accounts);
        requestId = UUID.randomUUID();
        consumer = "visitor-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void theConsumerGetsAReceiptConfirmationWithTheDueDate() throws Exception {
        Map<String, Object> data = new HashMap<>();
        data.put("requestType", "ACCESS");
        data.put("tag", null);
        data.put("subjectEmail", consumer);
        Fixtures.send(kafka, event("request.opened.v1", data));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage letter = mail.messagesTo(consumer).get(0);
        assertThat(letter.getSubject()).isEqualTo("We received your privacy request to Demo Shop");
        assertThat(Fixtures.text(letter))
                .contains(
                        "Demo Shop received your request for a copy of your personal information on 2026-11-29 10:20 UTC")
                .contains("confirm that the request comes from you")
                .contains("by 2027-01-13 10:20 UTC at the latest")
                .contains(requestId.toString());
        assertThat(Fixtures.html(letter)).contains("2027-01-13 10:20 UTC");
        await().atMost(WAIT)
                .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
        assertThat(Fixtures.mailsAbout(mails, requestId))
                .extracting(OutgoingMail::template)
                .containsExactly(MailTemplate.RECEIPT_CONFIRMATION);
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void anOptOutNeedsNoVerificationAndARequestWithoutAnAddressGetsNoReceipt() {
        Map<String, Object> optOut = new HashMap<>();
        optOut.put("requestType", "OPT_OUT");
        optOut.put("tag", null);
        optOut.put("subjectEmail", consumer);
        Fixtures.send(kafka, event("request.opened.v1", optOut));
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        assertThat(Fixtures.text(mail.messagesTo(consumer).get(0)))
                .contains("an opt-out of the sale or sharing of your personal information")
                .doesNotContain("confirm that the request comes from you");

        UUID visitorOnly = UUID.randomUUID();
        Map<String, Object> noAddress = new HashMap<>();
        noAddress.put("requestId", visitorOnly.toString());
        noAddress.put("requestType", "LIMIT");
        noAddress.put("tag", null);
        noAddress.put("subjectVisitorId", "v-1");
        ProducerRecord<String, String> record = Fixtures.sample(
                        "request-events", "request.opened.v1", owner.accountId(), visitorOnly, noAddress)
                .toRecord();
        Fixtures.send(kafka, record);
        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, record));
        assertThat(Fixtures.mailsAbout(mails, visitorOnly)).isEmpty();
    }

    @Test
    void aRequestToCorrectTheEmailAddressIsConfirmedAtTheCorrectedAddress() throws Exception {
        String wrong = "old-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> data = new HashMap<>();
        data.put("requestType", "CORRECT");
        data.put("tag", null);
        data.put("subjectEmail", wrong);
        data.put("subjectVisitorId", "v-8f3a2c");
        data.put("correction", Map.of("field", "EMAIL", "value", consumer));
        Fixtures.send(kafka, event("request.opened.v1", data));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        assertThat(Fixtures.text(mail.messagesTo(consumer).get(0)))
                .contains("received your request for correction of your personal information");
        await().atMost(WAIT)
                .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
        assertThat(Fixtures.mailsAbout(mails, requestId))
                .singleElement()
                .satisfies(row -> assertThat(row.recipient()).isEqualTo(consumer));
        assertThat(mail.messagesTo(wrong)).isEmpty();

        // a name correction is confirmed where the consumer is known: their address
        UUID nameRequest = UUID.randomUUID();
        String named = "named-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> name = new HashMap<>(data);
        name.put("requestId", nameRequest.toString());
        name.put("subjectEmail", named);
        name.put("correction", Map.of("field", "NAME", "value", "Dana Visitor"));
        name.put("sealedStatusToken", null);
        Fixtures.send(
                kafka,
                Fixtures.sample("request-events", "request.opened.v1", owner.accountId(), nameRequest, name)
                        .toRecord());
        await().atMost(WAIT).until(() -> mail.messagesTo(named).size() == 1);
        assertThat(Fixtures.mailsAbout(mails, nameRequest))
                .singleElement()
                .satisfies(row -> assertThat(row.recipient()).isEqualTo(named));
    }

    @Test
    void theConsumerIsToldWhyTheAnswerTakesLongerAndTheOwnerForATagRequest() throws Exception {
        Fixtures.send(kafka, event("request.extended.v1", Map.of("subjectEmail", consumer)));
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage notice = mail.messagesTo(consumer).get(0);
        assertThat(notice.getSubject()).isEqualTo("Your privacy request to Demo Shop needs more time");
        assertThat(Fixtures.text(notice))
                .contains("Demo Shop needs more time to answer your request for a copy of your personal information")
                .contains("Why: The chats span several archives")
                .contains("it is now due by 2027-02-27 10:20 UTC");

        UUID tagRequest = UUID.randomUUID();
        Map<String, Object> tag = new HashMap<>();
        tag.put("requestId", tagRequest.toString());
        tag.put("requestType", "DELETE");
        tag.put("tag", "Delete");
        tag.put("subjectEmail", null);
        Fixtures.send(
                kafka,
                Fixtures.sample("request-events", "request.extended.v1", owner.accountId(), tagRequest, tag)
                        .toRecord());
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        assertThat(mail.messagesTo(owner.email()).get(0).getSubject()).contains("Request extended");
        assertThat(Fixtures.text(mail.messagesTo(owner.email()).get(0))).contains("tagged \"Delete\"");
    }

    @Test
    void theConsumerIsToldTheRequestWasCompleted() throws Exception {
        Fixtures.send(kafka, event("request.completed.v1", Map.of("subjectEmail", consumer)));
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage notice = mail.messagesTo(consumer).get(0);
        assertThat(notice.getSubject()).isEqualTo("Your privacy request to Demo Shop was completed");
        assertThat(Fixtures.text(notice))
                .contains("has completed your request for an opt-out of the sale or sharing")
                .contains("The personal information is no longer sold or shared.")
                .contains("Completed: 2026-12-01 08:00 UTC");
    }

    @Test
    void theOwnerIsRemindedOfADueDateAndAlertedWhenItPasses() throws Exception {
        Fixtures.send(kafka, event("request.deadline-approaching.v1", Map.of()));
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage reminder = mail.messagesTo(owner.email()).get(0);
        assertThat(reminder.getSubject()).startsWith("Due in 7 day(s): access request " + requestId);
        assertThat(Fixtures.text(reminder)).contains("is due by 2027-01-13 10:20 UTC (7 day(s) left)");

        Fixtures.send(kafka, event("request.deadline-breached.v1", Map.of()));
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 2);
        assertThat(mail.messagesTo(owner.email()))
                .anySatisfy(m -> assertThat(m.getSubject()).startsWith("Overdue: access request " + requestId));
        assertThat(Fixtures.mailsAbout(mails, requestId))
                .extracting(OutgoingMail::template)
                .containsExactlyInAnyOrder(MailTemplate.DEADLINE_REMINDER, MailTemplate.DEADLINE_ALERT);
    }

    @Test
    void theOwnerIsRemindedOfAPendingAppealsDecisionAndAlertedWhenItPasses() throws Exception {
        Map<String, Object> appeal = Map.of("clock", "APPEAL", "status", "DECLINED");
        Fixtures.send(kafka, event("request.deadline-approaching.v1", appeal));
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage reminder = mail.messagesTo(owner.email()).get(0);
        assertThat(reminder.getSubject()).startsWith("Due in 7 day(s): appeal of access request " + requestId);
        assertThat(Fixtures.text(reminder))
                .contains("the consumer's appeal of the declined access request " + requestId
                        + " must be decided by 2027-01-13 10:20 UTC (7 day(s) left)")
                .contains("uphold the decline with the reasons, or reverse it")
                .doesNotContain("extend it once");

        Fixtures.send(kafka, event("request.deadline-breached.v1", appeal));
        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 2);
        assertThat(mail.messagesTo(owner.email())).anySatisfy(m -> {
            assertThat(m.getSubject()).startsWith("Overdue: appeal of access request " + requestId);
            assertThat(Fixtures.text(m)).contains("its decision was due by").contains("still undecided");
        });
    }

    @Test
    void aConsumerAddressThatIsNoAddressIsDeadLettered() {
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            Map<String, Object> data = new HashMap<>();
            data.put("requestType", "ACCESS");
            data.put("subjectEmail", "a@b.example\r\nBcc: everyone@example.com");
            Fixtures.send(kafka, event("request.opened.v1", data));
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> requestId.toString().equals(Fixtures.header(r, "ce_subject"))));
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
    }

    private ProducerRecord<String, String> event(String type, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>(data);
        fields.put("requestId", requestId.toString());
        if (type.equals("request.opened.v1")) {
            // the sample's status token is sealed for the sample's request, not this one (see PrivacyCenterMailTest)
            fields.putIfAbsent("sealedStatusToken", null);
        }
        return Fixtures.sample("request-events", type, owner.accountId(), requestId, fields)
                .toRecord();
    }
}
