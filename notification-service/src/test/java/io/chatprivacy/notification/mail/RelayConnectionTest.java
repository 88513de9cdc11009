package io.chatprivacy.notification.mail;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A relay that closes idle connections after two seconds, and one that hangs up or stalls a transaction: mail still
 * leaves at once, and the delivery log counts every SMTP attempt. Runs against an SMTP server of its own (see {@link
 * ShortIdleRelay}), with the production mailer settings.
 */
@QuarkusTest
@TestProfile(RelayConnectionTest.ShortIdleRelay.class)
class RelayConnectionTest {

    /** How long the test relay lets a connection sit idle before it answers 421 and closes it. */
    static final Duration RELAY_IDLE_TIMEOUT = Duration.ofSeconds(2);

    /** How soon a queued mail must have been accepted by the relay. */
    static final Duration PROMPT = Duration.ofSeconds(5);

    /** A server of this test's own: a short idle timeout must not reach the other test classes. */
    public static class ShortIdleRelay implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(
                    new TestResourceEntry(KafkaResource.class),
                    new TestResourceEntry(PostgresResource.class, Map.of("database", "notification")),
                    new TestResourceEntry(JwtResource.class),
                    new TestResourceEntry(
                            MailResource.class, Map.of(MailResource.IDLE_TIMEOUT, RELAY_IDLE_TIMEOUT.toString())));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

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

    private Owner owner;
    private ConsumerTask<String, String> events;

    @BeforeEach
    void setUp() {
        owner = Fixtures.registerAccount(kafka, accounts);
        events = Fixtures.read(kafka, "notification-events");
        // the first mail of a fresh application also pays for class loading and the mail client's start (seconds on
        // a busy machine): not what these tests time
        OutgoingMail warmUp = awaitFinal(sendCodeMail());
        assertThat(warmUp.status()).isEqualTo(MailStatus.SENT);
    }

    @AfterEach
    void tearDown() {
        events.stop();
        mail.failNextMails(0, "421 4.4.2 none left", false);
    }

    @Test
    void mailsAfterIdleGapsLongerThanTheRelaysIdleTimeoutLeaveAtOnceWithOneAttemptEach() {
        assertThat(mail.idleTimeout()).isEqualTo(RELAY_IDLE_TIMEOUT);
        // the relay, not our client, must be the one to close the idle connection
        assertThat(ConfigProvider.getConfig().getValue("quarkus.mailer.keep-alive-timeout", Duration.class))
                .isGreaterThan(RELAY_IDLE_TIMEOUT);

        // the warm-up mail's connection sits idle until the relay closes it
        await().atMost(RELAY_IDLE_TIMEOUT.multipliedBy(10)).until(() -> mail.openSessions() == 0);

        for (int i = 1; i <= 4; i++) {
            long idleClosesBefore = mail.idleTimeouts();
            String code = Seals.code(8);
            OutgoingMail delivered = awaitFinal(sendCodeMail(code));
            assertThat(delivered.status()).as("mail %d", i).isEqualTo(MailStatus.SENT);
            assertThat(Duration.between(delivered.createdAt(), delivered.sentAt()))
                    .as("mail %d: from queued to accepted by the relay", i)
                    .isLessThan(PROMPT);
            assertThat(delivered.attempts()).as("mail %d: SMTP attempts", i).isEqualTo(1);
            // the warm-up mail, then one per round
            assertThat(mail.messagesTo(owner.email())).hasSize(i + 1);
            assertThat(Fixtures.text(mail.messagesTo(owner.email()).get(i))).contains(code);
            assertThat(Fixtures.about(events, "notification.failed.v1", delivered.id()))
                    .isEmpty();

            // the gap: the connection our client keeps for the next mail sits idle until the relay closes it
            await().atMost(RELAY_IDLE_TIMEOUT.multipliedBy(10))
                    .until(() -> mail.idleTimeouts() > idleClosesBefore && mail.openSessions() == 0);
        }
    }

    @Test
    void aRelayThatHangsUpMidTransactionIsTriedAgainAtOnceAndTheLogCountsBothAttempts() throws Exception {
        mail.failNextMails(1, "421 4.4.2 closing connection", true);
        OutgoingMail delivered = awaitFinal(sendCodeMail());
        assertThat(delivered.status()).isEqualTo(MailStatus.SENT);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(delivered.lastError()).isNull();
        assertThat(Duration.between(delivered.createdAt(), delivered.sentAt())).isLessThan(PROMPT);
        assertThat(mail.messagesTo(owner.email())).hasSize(2); // the warm-up mail and this one, once

        await().atMost(WAIT)
                .until(() -> !Fixtures.about(events, "notification.sent.v1", delivered.id())
                        .isEmpty());
        var sent = Fixtures.about(events, "notification.sent.v1", delivered.id());
        assertThat(sent).hasSize(1);
        assertThat(mapper.readTree(sent.get(0).value()).get("attempts").asInt()).isEqualTo(2);
        // delivered within the same turn: nothing to report as a failure
        assertThat(Fixtures.about(events, "notification.failed.v1", delivered.id()))
                .isEmpty();
    }

    @Test
    void aRelayThatAsksToTryLaterGetsTheUsualBackOff() throws Exception {
        mail.failNextMails(1, "451 4.3.0 try again later", false);
        OutgoingMail delivered = awaitFinal(sendCodeMail());
        assertThat(delivered.status()).isEqualTo(MailStatus.SENT);
        assertThat(delivered.attempts()).isEqualTo(2);
        assertThat(mail.messagesTo(owner.email())).hasSize(2); // the warm-up mail and this one, once

        await().atMost(WAIT)
                .until(() -> !Fixtures.about(events, "notification.failed.v1", delivered.id())
                        .isEmpty());
        var failed = Fixtures.about(events, "notification.failed.v1", delivered.id());
        assertThat(failed).hasSize(1);
        var data = mapper.readTree(failed.get(0).value());
        assertThat(data.get("attempts").asInt()).isEqualTo(1);
        assertThat(data.get("reason").asText()).isEqualTo(FailureReason.SMTP_UNAVAILABLE.name());
        assertThat(data.get("willRetry").asBoolean()).isTrue();
    }

    /** Issues a verification code for the owner; returns the request id. */
    private UUID sendCodeMail() {
        return sendCodeMail(Seals.code(8));
    }

    private UUID sendCodeMail(String code) {
        UUID requestId = UUID.randomUUID();
        Fixtures.send(
                kafka,
                Fixtures.verificationIssued(owner.accountId(), requestId, UUID.randomUUID(), code)
                        .toRecord());
        return requestId;
    }

    /** The mail about the request once it is final (long enough to see a stalled attempt and its retry). */
    private OutgoingMail awaitFinal(UUID requestId) {
        await().atMost(WAIT.multipliedBy(3)).until(() -> {
            List<OutgoingMail> about = Fixtures.mailsAbout(mails, requestId);
            return about.size() == 1 && about.get(0).status() != MailStatus.PENDING;
        });
        return Fixtures.mailsAbout(mails, requestId).get(0);
    }
}
