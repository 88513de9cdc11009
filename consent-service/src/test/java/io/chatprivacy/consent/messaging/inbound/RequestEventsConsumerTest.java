package io.chatprivacy.consent.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.chatprivacy.consent.Fixtures;
import io.chatprivacy.consent.Fixtures.TestAccount;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Opt-out and limit requests from request-service, fed with its golden sample. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "consent"))
@QuarkusTestResource(JwtResource.class)
class RequestEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void anOptOutRequestForAVisitorIsAppliedOnceAndAnnounced() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        UUID requestId = UUID.randomUUID();
        GoldenEvent event = opened(account.id(), requestId, "OPT_OUT", visitor, null);

        kafka.produce(String.class, String.class)
                .fromRecords(event.toRecord(), event.toRecord())
                .awaitCompletion();

        await().atMost(WAIT)
                .until(() -> !Fixtures.ledgerKinds(account.id(), visitor).isEmpty());
        var events = Fixtures.awaitRecords(kafka, "consent-events", visitor, 1);
        assertThat(events.get(0).value()).contains(requestId.toString()).contains("\"source\":\"REQUEST\"");
        account.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .statusCode(200)
                .body("optedOut", equalTo(true));
        assertThat(Fixtures.ledgerKinds(account.id(), visitor)).containsExactly("OPTED_OUT");
    }

    @Test
    void aLimitRequestByEmailReachesTheVisitorWhoGivesThatEmail() {
        TestAccount account = Fixtures.account();
        int version = Fixtures.publish(account, Fixtures.CHAT_TEXT_V1);
        UUID requestId = UUID.randomUUID();

        kafka.produce(String.class, String.class)
                .fromRecords(opened(account.id(), requestId, "LIMIT", null, "Lee@Example.com")
                        .toRecord())
                .awaitCompletion();
        await().atMost(WAIT)
                .until(() -> Fixtures.query("select scope from consent_entry where request_id = ?", requestId)
                        .equals(List.of("LIMIT_SENSITIVE")));
        assertThat(Fixtures.query("select account_id::text from consent_entry where request_id = ?", requestId))
                .containsExactly(account.id().toString());

        String visitor = Fixtures.visitor();
        account.widget()
                .body(Map.of(
                        "formVersion",
                        version,
                        "visitorId",
                        visitor,
                        "email",
                        "lee@example.com",
                        "consents",
                        List.of("chat")))
                .post("/widget/consents")
                .then()
                .statusCode(201)
                .body("optedOut", equalTo(false));
        account.widget()
                .get("/widget/visitors/{v}/opt-out", visitor)
                .then()
                .body("sensitiveUseLimited", equalTo(true))
                .body("optedOut", equalTo(false));
    }

    @Test
    void otherRequestTypesAreIgnored() {
        TestAccount account = Fixtures.account();
        String visitor = Fixtures.visitor();
        UUID deleteRequest = UUID.randomUUID();
        UUID optOutRequest = UUID.randomUUID();

        kafka.produce(String.class, String.class)
                .fromRecords(
                        opened(account.id(), deleteRequest, "DELETE", visitor, null)
                                .toRecord(),
                        opened(account.id(), optOutRequest, "OPT_OUT", visitor, null)
                                .toRecord())
                .awaitCompletion();

        // the later opt-out on the same partition is applied, so the delete before it was seen and ignored
        await().atMost(WAIT)
                .until(() -> !Fixtures.query("select 1 from consent_entry where request_id = ?", optOutRequest)
                        .isEmpty());
        assertThat(Fixtures.query("select 1 from consent_entry where request_id = ?", deleteRequest))
                .isEmpty();
    }

    @Test
    void anOptOutNamingNobodyGoesToTheDeadLetterTopic() {
        TestAccount account = Fixtures.account();
        UUID requestId = UUID.randomUUID();
        GoldenEvent broken = opened(account.id(), requestId, "OPT_OUT", null, null);

        kafka.produce(String.class, String.class).fromRecords(broken.toRecord()).awaitCompletion();

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("consent-service.request-events.dlq");
        try {
            await().atMost(WAIT)
                    .until(() ->
                            dead.getRecords().stream().anyMatch(r -> r.value().contains(requestId.toString())));
        } finally {
            dead.stop();
        }
        assertThat(Fixtures.query("select 1 from consent_entry where request_id = ?", requestId))
                .isEmpty();
    }

    private static GoldenEvent opened(UUID accountId, UUID requestId, String type, String visitorId, String email) {
        String account = accountId.toString();
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", requestId.toString());
        data.put("accountId", account);
        data.put("requestType", type);
        data.put("subjectVisitorId", visitorId);
        data.put("subjectEmail", email);
        return GoldenEvent.load("request-events", "request.opened.v1")
                .withAttributes(Map.of(
                        "id",
                        UUID.randomUUID().toString(),
                        "accountid",
                        account,
                        "subject",
                        requestId.toString(),
                        "partitionkey",
                        account))
                .withData(data);
    }
}
