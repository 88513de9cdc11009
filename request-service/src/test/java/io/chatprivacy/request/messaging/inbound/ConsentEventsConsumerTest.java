package io.chatprivacy.request.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.TimelineEntry;
import io.chatprivacy.request.service.AccountService;
import io.chatprivacy.request.service.RightsRequestService;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The consumer's side of the consent-events contract: consent-service's {@code consent.opted-out.v1}
 * sample, citing a real OPT_OUT or LIMIT request, completes it and announces the completion.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class ConsentEventsConsumerTest {

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestService requests;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    private UUID accountId;

    @BeforeEach
    void registerAccount() {
        accountId = accounts.register("Demo Shop", "owner@demo.example", List.of())
                .account()
                .id();
    }

    @Test
    void anOptOutAppliedForARequestCompletesItOnceAndAnnouncesIt() throws Exception {
        RightsRequest request = open(RequestType.OPT_OUT, "jo@example.com", "v-2f6d0c9e");
        try (RequestEvents events = RequestEvents.read(kafka)) {
            ProducerRecord<String, String> optedOut = optedOut(accountId, request.id(), "SALE_SHARING");
            send(optedOut);
            send(optedOut); // redelivered: applied once
            await().atMost(RequestEvents.WAIT).until(() -> status(request.id()) == RequestStatus.COMPLETED);

            JsonNode completed = mapper.readTree(
                    events.await("request.completed.v1", request.id()).value());
            assertThat(completed.get("requestType").asText()).isEqualTo("OPT_OUT");
            assertThat(completed.get("subjectEmail").asText()).isEqualTo("jo@example.com");
            assertThat(completed.get("outcome").asText()).contains("no longer sold or shared");
            RightsRequest done = requests.get(accountId, request.id());
            assertThat(done.closedAt()).isEqualTo(java.time.Instant.parse("2026-11-29T10:16:02.318211Z"));
            assertThat(kinds(request.id())).containsExactly("OPENED", "FULFILLED");
            RightsRequest marker = open(RequestType.LIMIT, "marker@example.com", null);
            assertThat(events.settledCount("request.completed.v1", request.id(), "request.opened.v1", marker.id()))
                    .isEqualTo(1);
        }
    }

    @Test
    void aLimitRequestIsCompletedOnlyByALimitOfSensitiveData() {
        RightsRequest request = open(RequestType.LIMIT, null, "v-77");
        ProducerRecord<String, String> wrongScope = optedOut(accountId, request.id(), "SALE_SHARING");
        send(wrongScope);
        await().atMost(RequestEvents.WAIT).until(() -> processed(wrongScope));
        assertThat(status(request.id())).isEqualTo(RequestStatus.OPEN);
        assertThat(kinds(request.id())).containsExactly("OPENED", "NOTED");

        send(optedOut(accountId, request.id(), "LIMIT_SENSITIVE"));
        await().atMost(RequestEvents.WAIT).until(() -> status(request.id()) == RequestStatus.COMPLETED);
    }

    @Test
    void optOutsCitingNoRequestAreIgnoredAndForeignRequestsDeadLettered() throws Exception {
        RightsRequest request = open(RequestType.OPT_OUT, null, "v-88");
        // a GPC opt-out (the sample as it is: requestId null) is not about any request
        ProducerRecord<String, String> gpc = GoldenEvent.load("consent-events", "consent.opted-out.v1")
                .withAttributes(attributes(accountId))
                .withData(Map.of("accountId", accountId.toString()))
                .toRecord();
        send(gpc);
        await().atMost(RequestEvents.WAIT).until(() -> processed(gpc));
        assertThat(status(request.id())).isEqualTo(RequestStatus.OPEN);

        UUID otherAccount = accounts.register("Other", "owner@other.example", List.of())
                .account()
                .id();
        ProducerRecord<String, String> foreign = optedOut(otherAccount, request.id(), "SALE_SHARING");
        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("request-service.consent-events.dlq");
        try {
            send(foreign);
            String id = header(foreign, "ce_id");
            await().atMost(RequestEvents.WAIT)
                    .until(() -> dead.getRecords().stream().anyMatch(r -> id.equals(RequestEvents.header(r, "ce_id"))));
        } finally {
            dead.stop();
        }
        assertThat(status(request.id())).isEqualTo(RequestStatus.OPEN);
    }

    @Test
    void consentGrantsAreSkippedWithoutATransactionOrARememberedId() throws Exception {
        RightsRequest request = open(RequestType.OPT_OUT, null, "v-99");
        // one key, so one partition: the grant is consumed before the opt-out that follows it
        Map<String, String> grantAttributes = attributes(accountId);
        grantAttributes.put("partitionkey", "v-99");
        ProducerRecord<String, String> granted = GoldenEvent.load("consent-events", "consent.granted.v1")
                .withAttributes(grantAttributes)
                .withData(Map.of("accountId", accountId.toString(), "visitorId", "v-99"))
                .toRecord();
        Map<String, String> optOutAttributes = attributes(accountId);
        optOutAttributes.put("partitionkey", "v-99");
        ProducerRecord<String, String> optedOut = GoldenEvent.load("consent-events", "consent.opted-out.v1")
                .withAttributes(optOutAttributes)
                .withData(Map.of(
                        "accountId", accountId.toString(),
                        "requestId", request.id().toString(),
                        "scope", "SALE_SHARING",
                        "optOutId", UUID.randomUUID().toString()))
                .toRecord();
        send(granted);
        send(optedOut);
        await().atMost(RequestEvents.WAIT).until(() -> processed(optedOut));
        assertThat(status(request.id())).isEqualTo(RequestStatus.COMPLETED);
        assertThat(processed(granted)).isFalse();
    }

    private RightsRequest open(RequestType type, String email, String visitorId) {
        return requests.open(
                        accountId,
                        new RightsRequestService.Opening(type, RequestChannel.WEB_FORM, null, email, visitorId),
                        "agent-1")
                .request();
    }

    private ProducerRecord<String, String> optedOut(UUID account, UUID requestId, String scope) {
        Map<String, Object> data = new HashMap<>();
        data.put("accountId", account.toString());
        data.put("requestId", requestId.toString());
        data.put("scope", scope);
        data.put("source", "REQUEST");
        data.put("optOutId", UUID.randomUUID().toString());
        return GoldenEvent.load("consent-events", "consent.opted-out.v1")
                .withAttributes(attributes(account))
                .withData(data)
                .toRecord();
    }

    private static Map<String, String> attributes(UUID account) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put("id", UUID.randomUUID().toString());
        attributes.put("accountid", account.toString());
        return attributes;
    }

    private void send(ProducerRecord<String, String> record) {
        kafka.produce(String.class, String.class).fromRecords(record).awaitCompletion();
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private boolean processed(ProducerRecord<String, String> record) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query =
                        connection.prepareStatement("select count(*) from processed_event where event_id = ?")) {
            query.setString(1, header(record, "ce_id"));
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1) > 0;
            }
        }
    }

    private RequestStatus status(UUID requestId) {
        return requests.get(accountId, requestId).status();
    }

    private List<String> kinds(UUID requestId) {
        return requests.get(accountId, requestId).timeline().stream()
                .map(TimelineEntry::kind)
                .map(Enum::name)
                .toList();
    }
}
