package io.chatprivacy.notification.mail;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.testing.InjectMailServer;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.MailResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.notification.Fixtures;
import io.chatprivacy.notification.Fixtures.Owner;
import io.chatprivacy.notification.Seals;
import io.chatprivacy.notification.domain.FailureReason;
import io.chatprivacy.notification.domain.MailStatus;
import io.chatprivacy.notification.domain.OutgoingMail;
import io.chatprivacy.notification.persistence.AccountRepository;
import io.chatprivacy.notification.persistence.OutgoingMailRepository;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** An SMTP outage while a code is issued: nothing is lost, failures are reported, and the mail goes once. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class SmtpOutageTest {

    @Inject
    AccountRepository accounts;

    @Inject
    OutgoingMailRepository mails;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectMailServer
    MailServer mail;

    @Test
    void theCodeMailWaitsOutTheOutageAndIsDeliveredExactlyOnce() throws Exception {
        Owner owner = Fixtures.registerAccount(kafka, accounts);
        UUID requestId = UUID.randomUUID();
        String code = Seals.code(8);
        var events = Fixtures.read(kafka, "notification-events");
        mail.stop();
        try {
            Fixtures.send(
                    kafka,
                    Fixtures.verificationIssued(owner.accountId(), requestId, UUID.randomUUID(), code)
                            .toRecord());

            // the event is consumed and the mail queued, but every attempt fails while SMTP is down
            await().atMost(WAIT)
                    .until(() -> !Fixtures.mailsAbout(mails, requestId).isEmpty()
                            && Fixtures.mailsAbout(mails, requestId).get(0).attempts() >= 3);
            OutgoingMail waiting = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(waiting.status()).isEqualTo(MailStatus.PENDING);
            assertThat(waiting.failureReason()).isEqualTo(FailureReason.SMTP_UNAVAILABLE);
            assertThat(waiting.lastError()).isNotBlank().doesNotContain(owner.email());
            assertThat(waiting.sealedSecret()).isNotNull();
            assertThat(waiting.nextAttemptAt()).isAfter(waiting.createdAt());
            assertThat(mail.messagesTo(owner.email())).isEmpty();

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.failed.v1", waiting.id())
                            .isEmpty());
            ConsumerRecord<String, String> failed = Fixtures.about(events, "notification.failed.v1", waiting.id())
                    .get(0);
            JsonNode data = mapper.readTree(failed.value());
            assertThat(data.get("willRetry").asBoolean()).isTrue();
            assertThat(data.get("attempts").asInt()).isEqualTo(1);
            assertThat(data.get("reason").asText()).isEqualTo("SMTP_UNAVAILABLE");
            assertThat(data.get("requestId").asText()).isEqualTo(requestId.toString());
            assertThat(failed.value()).doesNotContain("@").doesNotContain(code);
            assertThat(Fixtures.about(events, "notification.sent.v1", waiting.id()))
                    .isEmpty();
        } finally {
            mail.restart();
        }

        try {
            await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
            await().atMost(WAIT)
                    .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
            OutgoingMail delivered = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(Fixtures.text(mail.messagesTo(owner.email()).get(0))).contains(code);
            assertThat(delivered.sealedSecret()).isNull();
            assertThat(delivered.attempts()).isGreaterThanOrEqualTo(4);
            assertThat(delivered.lastError()).isNull();

            await().atMost(WAIT)
                    .until(() -> !Fixtures.about(events, "notification.sent.v1", delivered.id())
                            .isEmpty());
            // the row is final: whatever the dispatcher does next, it never sends it again
            OutgoingMail again = Fixtures.mailsAbout(mails, requestId).get(0);
            assertThat(again.attempts()).isEqualTo(delivered.attempts());
            List<ConsumerRecord<String, String>> sent = Fixtures.about(events, "notification.sent.v1", delivered.id());
            assertThat(sent).hasSize(1);
            assertThat(mapper.readTree(sent.get(0).value()).get("attempts").asInt())
                    .isEqualTo(delivered.attempts());
            assertThat(mail.messagesTo(owner.email())).hasSize(1);
            assertThat(Fixtures.mailsAbout(mails, requestId)).hasSize(1);
        } finally {
            events.stop();
        }
    }
}
