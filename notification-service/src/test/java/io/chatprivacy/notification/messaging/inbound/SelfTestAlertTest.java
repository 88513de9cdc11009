package io.chatprivacy.notification.messaging.inbound;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
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

/**
 * consent-service's opt-out self-test, seen from here: a failed run alerts the account's owner; the self-test's
 * synthetic consumer ({@code @selftest.invalid}) is never mailed, only recorded as skipped.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class SelfTestAlertTest {

    @Inject
    AccountRepository accounts;

    @Inject
    OutgoingMailRepository mails;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @InjectMailServer
    MailServer mail;

    private Owner owner;

    @BeforeEach
    void registerAnAccount() {
        owner = Fixtures.registerAccount(kafka, accounts);
    }

    @Test
    void aFailedSelfTestAlertsTheOwnerOnce() throws Exception {
        UUID runId = UUID.randomUUID();
        // an ordinary opt-out on the same partition first: none of this service's business
        ProducerRecord<String, String> optedOut = Fixtures.sample(
                        "consent-events", "consent.opted-out.v1", owner.accountId(), UUID.randomUUID(), Map.of())
                .toRecord();
        ProducerRecord<String, String> failed = Fixtures.sample(
                        "consent-events",
                        "consent.opt-out-self-test-failed.v1",
                        owner.accountId(),
                        runId,
                        Map.of("runId", runId.toString(), "failedCheck", "REQUEST_COMPLETED"))
                .toRecord();
        Fixtures.send(kafka, optedOut);
        Fixtures.send(kafka, failed);
        Fixtures.send(kafka, failed);

        await().atMost(WAIT).until(() -> mail.messagesTo(owner.email()).size() == 1);
        MimeMessage alert = mail.messagesTo(owner.email()).get(0);
        assertThat(alert.getSubject()).isEqualTo("Opt-out self-test FAILED for Demo Shop: REQUEST_COMPLETED");
        assertThat(Fixtures.text(alert))
                .contains("the opt-out self-test of Demo Shop FAILED: an opt-out request was not shown completed"
                        + " on its status page (check REQUEST_COMPLETED)")
                .contains("2026-11-29 10:16 UTC")
                .contains("Run " + runId)
                .contains("GET /accounts/" + owner.accountId() + "/opt-out-self-tests");
        assertThat(Fixtures.html(alert)).contains("<strong>failed</strong>");
        await().atMost(WAIT)
                .until(() -> mailsOf(owner.accountId()).stream().allMatch(m -> m.status() == MailStatus.SENT));
        // the redelivered event queued nothing more, and the ordinary opt-out nothing at all
        assertThat(mailsOf(owner.accountId()))
                .extracting(OutgoingMail::template)
                .containsExactly(MailTemplate.OPT_OUT_SELF_TEST_ALERT);
    }

    @Test
    void theSyntheticConsumerOnTheReservedDomainIsNeverMailed() {
        UUID requestId = UUID.randomUUID();
        String synthetic = "selftest-" + UUID.randomUUID().toString().replace("-", "") + "@selftest.invalid";
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId.toString());
        data.put("requestType", "OPT_OUT");
        data.put("tag", null);
        data.put("subjectEmail", synthetic);
        data.put("sealedStatusToken", null);
        Fixtures.send(
                kafka,
                Fixtures.sample("request-events", "request.opened.v1", owner.accountId(), requestId, data)
                        .toRecord());

        await().atMost(WAIT).until(() -> !Fixtures.mailsAbout(mails, requestId).isEmpty());
        OutgoingMail receipt = Fixtures.mailsAbout(mails, requestId).get(0);
        assertThat(receipt.template()).isEqualTo(MailTemplate.RECEIPT_CONFIRMATION);
        assertThat(receipt.status()).isEqualTo(MailStatus.SKIPPED);
        assertThat(receipt.attempts()).isZero();
        assertThat(receipt.finishedAt()).isNotNull();
        assertThat(mail.messagesTo(synthetic)).isEmpty();
    }

    private List<OutgoingMail> mailsOf(UUID accountId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> mails.list("accountId", Sort.ascending("createdAt"), accountId));
    }
}
