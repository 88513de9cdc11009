package io.chatprivacy.notification.messaging.inbound;

import static io.chatprivacy.notification.Fixtures.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.MailServer;
import io.chatprivacy.infra.testing.GoldenEvent;
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
 * The consumer's side of request-service's appeal samples: the receipt of an appeal with the date it will be decided
 * by, and the decision with its explanation, citation and (for a decline that stands) the attorney general's contact
 * words as the event carries them, each to the consumer's own address only.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "notification"))
@QuarkusTestResource(JwtResource.class)
@QuarkusTestResource(MailResource.class)
class AppealLettersTest {

    private static final String RECEIVED = "request.appeal-received.v1";
    private static final String DECIDED = "request.appeal-decided.v1";

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
    void theConsumerIsToldTheAppealWasReceivedAndByWhenItWillBeDecided() throws Exception {
        Fixtures.send(kafka, event(RECEIVED, Map.of("subjectEmail", consumer)));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage notice = mail.messagesTo(consumer).get(0);
        assertThat(notice.getSubject()).isEqualTo("We received your appeal to Demo Shop");
        assertThat(Fixtures.text(notice))
                .contains("Demo Shop received your appeal of its decision to decline your request for"
                        + " a copy of your personal information on 2026-12-02 15:00 UTC")
                .contains("by 2027-01-16 15:00 UTC at the latest")
                .contains(requestId.toString());
        assertThat(Fixtures.html(notice))
                .contains("<strong>2027-01-16 15:00 UTC</strong> at the latest")
                .contains(requestId.toString());
        await().atMost(WAIT)
                .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
        assertThat(Fixtures.mailsAbout(mails, requestId)).singleElement().satisfies(row -> {
            assertThat(row.template()).isEqualTo(MailTemplate.APPEAL_RECEIVED_NOTICE);
            assertThat(row.recipient()).isEqualTo(consumer);
        });
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void anUpheldDecisionCarriesTheExplanationTheCitationAndTheAttorneyGeneralsContactVerbatim() throws Exception {
        GoldenEvent sample = GoldenEvent.load("request-events", DECIDED);
        String attorneyGeneral = sample.data().get("attorneyGeneralContact").asText();
        String explanation = sample.data().get("explanation").asText();
        assertThat(sample.data().get("decision").asText()).isEqualTo("UPHELD");

        Fixtures.send(kafka, event(DECIDED, Map.of("subjectEmail", consumer)));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage notice = mail.messagesTo(consumer).get(0);
        assertThat(notice.getSubject()).isEqualTo("Your appeal to Demo Shop was decided: the decline stands");
        assertThat(Fixtures.text(notice))
                .contains("Demo Shop has decided your appeal of its decision to decline your request for"
                        + " a copy of your personal information")
                .contains("Decision: UPHELD. The decline stands: your request will not be carried out.")
                .contains("Explanation: " + explanation)
                .contains(attorneyGeneral)
                .contains("Legal basis: C.R.S. §6-1-1306")
                .contains("Decided: 2026-12-10 09:00 UTC")
                .contains(requestId.toString());
        assertThat(Fixtures.html(notice))
                .contains("<strong>Decision: UPHELD.</strong>")
                .contains(explanation)
                .contains("<p>" + attorneyGeneral + "</p>")
                .contains("C.R.S. §6-1-1306");
        await().atMost(WAIT)
                .until(() -> Fixtures.mailsAbout(mails, requestId).get(0).status() == MailStatus.SENT);
        assertThat(Fixtures.mailsAbout(mails, requestId)).singleElement().satisfies(row -> {
            assertThat(row.template()).isEqualTo(MailTemplate.APPEAL_DECISION_NOTICE);
            assertThat(row.recipient()).isEqualTo(consumer);
        });
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void aReversedDecisionSaysByWhenTheRequestIsCarriedOutAndNamesNoAttorneyGeneral() throws Exception {
        Map<String, Object> data = new HashMap<>();
        data.put("subjectEmail", consumer);
        data.put("decision", "REVERSED");
        data.put("explanation", "Some chats were in an archive we had missed: <b>we will send them</b> & more.");
        data.put("attorneyGeneralContact", null);
        Fixtures.send(kafka, event(DECIDED, data));

        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 1);
        MimeMessage notice = mail.messagesTo(consumer).get(0);
        assertThat(notice.getSubject())
                .isEqualTo("Your appeal to Demo Shop was decided: your request will be carried out");
        assertThat(Fixtures.text(notice))
                .contains("Decision: REVERSED. The decline is withdrawn: Demo Shop will carry out your request"
                        + " by 2027-01-16 15:00 UTC at the latest.")
                .contains("Explanation: Some chats were in an archive we had missed: <b>we will send them</b> & more.")
                .contains("Legal basis: C.R.S. §6-1-1306")
                .doesNotContain("Attorney General");
        assertThat(Fixtures.html(notice))
                .contains("&lt;b&gt;we will send them&lt;/b&gt; &amp; more.")
                .doesNotContain("<b>we will send them</b>")
                .doesNotContain("Attorney General");
    }

    @Test
    void aRedeliveredEventSendsNothingMore() {
        ProducerRecord<String, String> received = event(RECEIVED, Map.of("subjectEmail", consumer));
        ProducerRecord<String, String> decided = event(DECIDED, Map.of("subjectEmail", consumer));
        Fixtures.send(kafka, received);
        Fixtures.send(kafka, received);
        Fixtures.send(kafka, decided);
        Fixtures.send(kafka, decided);
        // a later event of the same account (same key, so the same partition) has been applied only after both copies
        ProducerRecord<String, String> later = withoutAddress(UUID.randomUUID());
        Fixtures.send(kafka, later);
        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, later));

        await().atMost(WAIT)
                .until(() ->
                        Fixtures.mailsAbout(mails, requestId).stream().allMatch(m -> m.status() == MailStatus.SENT));
        assertThat(Fixtures.mailsAbout(mails, requestId))
                .extracting(OutgoingMail::template)
                .containsExactlyInAnyOrder(MailTemplate.APPEAL_RECEIVED_NOTICE, MailTemplate.APPEAL_DECISION_NOTICE);
        await().atMost(WAIT).until(() -> mail.messagesTo(consumer).size() == 2);
        assertThat(mail.messagesTo(consumer))
                .extracting(MimeMessage::getSubject)
                .containsExactlyInAnyOrder(
                        "We received your appeal to Demo Shop",
                        "Your appeal to Demo Shop was decided: the decline stands");
    }

    @Test
    void anAppealOfARequestWithoutAnAddressSendsNothing() {
        UUID tagRequest = UUID.randomUUID();
        ProducerRecord<String, String> received = withoutAddress(tagRequest);
        Map<String, Object> decidedData = new HashMap<>();
        decidedData.put("requestId", tagRequest.toString());
        decidedData.put("requestType", "DELETE");
        decidedData.put("tag", "Delete");
        decidedData.put("subjectEmail", null);
        ProducerRecord<String, String> decided = Fixtures.sample(
                        "request-events", DECIDED, owner.accountId(), tagRequest, decidedData)
                .toRecord();
        Fixtures.send(kafka, received);
        Fixtures.send(kafka, decided);

        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, received));
        await().atMost(WAIT).until(() -> Fixtures.processed(dataSource, decided));
        assertThat(Fixtures.mailsAbout(mails, tagRequest)).isEmpty();
        assertThat(mail.messagesTo(owner.email())).isEmpty();
    }

    @Test
    void aBrokenAppealEventIsDeadLetteredAndSendsNothing() {
        UUID injected = UUID.randomUUID();
        UUID noAttorneyGeneral = UUID.randomUUID();
        UUID unknownDecision = UUID.randomUUID();
        var dead = Fixtures.read(kafka, "notification-service.request-events.dlq");
        try {
            Map<String, Object> header = new HashMap<>();
            header.put("requestId", injected.toString());
            header.put("subjectEmail", "a@b.example\r\nBcc: everyone@example.com");
            Fixtures.send(
                    kafka,
                    Fixtures.sample("request-events", RECEIVED, owner.accountId(), injected, header)
                            .toRecord());

            // a denied appeal's notice must say how to reach the attorney general: without the words, none is sent
            Map<String, Object> upheld = new HashMap<>();
            upheld.put("requestId", noAttorneyGeneral.toString());
            upheld.put("subjectEmail", consumer);
            upheld.put("attorneyGeneralContact", null);
            Fixtures.send(
                    kafka,
                    Fixtures.sample("request-events", DECIDED, owner.accountId(), noAttorneyGeneral, upheld)
                            .toRecord());

            Map<String, Object> unknown = new HashMap<>();
            unknown.put("requestId", unknownDecision.toString());
            unknown.put("subjectEmail", consumer);
            unknown.put("decision", "MAYBE");
            Fixtures.send(
                    kafka,
                    Fixtures.sample("request-events", DECIDED, owner.accountId(), unknownDecision, unknown)
                            .toRecord());

            await().atMost(WAIT)
                    .until(() -> Fixtures.about(dead, RECEIVED, injected).size() == 1
                            && Fixtures.about(dead, DECIDED, noAttorneyGeneral).size() == 1
                            && Fixtures.about(dead, DECIDED, unknownDecision).size() == 1);
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.mailsAbout(mails, injected)).isEmpty();
        assertThat(Fixtures.mailsAbout(mails, noAttorneyGeneral)).isEmpty();
        assertThat(Fixtures.mailsAbout(mails, unknownDecision)).isEmpty();
        assertThat(mail.messagesTo(consumer)).isEmpty();
    }

    /** The appeal of a tag deletion: no consumer, no address. */
    private ProducerRecord<String, String> withoutAddress(UUID request) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", request.toString());
        data.put("requestType", "DELETE");
        data.put("tag", "Delete");
        data.put("subjectEmail", null);
        return Fixtures.sample("request-events", RECEIVED, owner.accountId(), request, data)
                .toRecord();
    }

    private ProducerRecord<String, String> event(String type, Map<String, Object> data) {
        Map<String, Object> fields = new HashMap<>(data);
        fields.put("requestId", requestId.toString());
        return Fixtures.sample("request-events", type, owner.accountId(), requestId, fields)
                .toRecord();
    }
}
