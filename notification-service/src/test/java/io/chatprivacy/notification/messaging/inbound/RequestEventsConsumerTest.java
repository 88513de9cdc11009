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
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The consumer's side of the request-events contract: a declined request becomes a decline notice. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class RequestEventsConsumerTest {

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

    @BeforeEach
    void registerAnAccount() {
        owner = Fixtures.registerAccount(kafka, accounts);
        requestId = UUID.randomUUID();
    }

    @Test
    void aDeclinedTagRequestIsExplainedToTheOwner() throws Exception {
        Fixtures.send(kafka, declined(Map.of()));

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage notice = mail.messagesTo(owner.email()).get(0);
        assertThat(notice.getSubject()).contains("Request declined").contains(requestId.toString());
        assertThat(Fixtures.text(notice))
                .contains("the request to delete everything tagged \"Delete\" has been declined")
                .contains("Reason: The business is legally required to keep this information")
                .contains("Note: Litigation hold on these chats until the case closes.")
                .doesNotContain("LEGAL_HOLD");
        assertThat(Fixtures.html(notice)).contains("litigation hold");
    }

    @Test
    void aDeclinedSubjectRequestIsExplainedToTheSubjectNotTheOwner() throws Exception {
        String subject = "visitor-" + UUID.randomUUID() + "@example.com";
        Map<String, Object> data = new HashMap<>();
        data.put("tag", null);
        data.put("subjectEmail", subject);
        data.put("reason", "CANNOT_VERIFY");
        data.put("note", "We could not match the address to any chat.");
        Fixtures.send(kafka, declined(data));

        await().atMost(WAIT).until(() -> mail.messagesTo(subject).size() == 1);
        MimeMessage notice = mail.messagesTo(subject).get(0);
        assertThat(notice.getSubject()).isEqualTo("Your privacy request to Demo Shop was declined");
        assertThat(Fixtures.text(notice))
                .contains("your request to Demo Shop to delete your personal information has been declined")
                .contains("could not be verified as coming from the person")
                .contains("We could not match the address to any chat.");
        await().atMost(WAIT)
                .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void otherRequestEventsSendNothing() {
        ProducerRecord<String, String> opened = Fixtures.sample(
                        "request-events",
                        "request.opened.v1",
                        owner.accountId(),
                        requestId,
                        Map.of("requestId", requestId.toString()))
                .toRecord();
        Fixtures.send(kafka, opened);
        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, opened));
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
    }

    @Test
    void aSubjectAddressThatIsNoAddressIsDeadLettered() {
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            Fixtures.send(kafka, declined(Map.of("subjectEmail", "a@b.example\r\nBcc: everyone@example.com")));
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> requestId.toString().equals(Fixtures.header(r, "ce_subject"))));
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, requestId)).isEmpty();
    }

    @Test
    void controlAndBidiCharactersStoredBeforeTheTextRuleNeverReachAMail() throws Exception {
        String hostile = "\u001B[2J\u0007\u009B\u007F\u202E\u2066";
        // the account's name as a later account.registered.v1 copy carries it, as a row written before the rule
        Fixtures.send(
                kafka,
                Fixtures.sample(
                                "account-events",
                                "account.registered.v1",
                                owner.accountId(),
                                owner.accountId(),
                                Map.of("name", "Demo" + hostile + " Shop", "ownerEmail", owner.email()))
                        .toRecord());
        await().atMost(WAIT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> accounts.findById(owner.accountId()).name())
                        .contains("\u001B"));
        Map<String, Object> data = new HashMap<>();
        data.put("tag", "Del" + hostile + "ete");
        data.put("note", "Held" + hostile + " until the case closes.");
        Fixtures.send(kafka, declined(data));

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage notice = mail.messagesTo(owner.email()).get(0);
        for (String shown : List.of(notice.getSubject(), Fixtures.text(notice), Fixtures.html(notice))) {
            assertThat(shown.codePoints()
                            .filter(c ->
                                    (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')
                                            || (c >= 0x202A && c <= 0x202E)
                                            || (c >= 0x2066 && c <= 0x2069)))
                    .as(shown)
                    .isEmpty();
        }
        assertThat(notice.getSubject()).contains("Demo[2J Shop");
        assertThat(Fixtures.text(notice)).contains("tagged \"Del[2Jete\"").contains("Held[2J until the case closes.");
    }

    private ProducerRecord<String, String> declined(Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>(data);
        fields.put("requestId", requestId.toString());
        return Fixtures.sample("request-events", "request.declined.v1", owner.accountId(), requestId, fields)
                .toRecord();
    }
}
