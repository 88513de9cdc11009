package io.chatprivacy.deletion.messaging.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.chatprivacy.deletion.domain.Account;
import io.chatprivacy.deletion.persistence.AccountRepository;
import io.chatprivacy.infra.testing.GoldenEvent;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consumer's side of the account-events contract, fed with request-service's golden sample. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "deletion"))
@QuarkusTestResource(JwtResource.class)
class AccountEventsConsumerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AccountRepository accounts;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Test
    void keepsACopyOfEachRegisteredAccountOnce() {
        UUID accountId = UUID.randomUUID();
        GoldenEvent golden = sampleFor(accountId);

        kafka.produce(String.class, String.class)
                .fromRecords(golden.toRecord(), golden.toRecord())
                .awaitCompletion();

        await().atMost(WAIT).until(() -> find(accountId) != null);
        Account account = find(accountId);
        assertThat(account.ownerEmail()).isEqualTo("owner@demo.example");
        assertThat(account.isActive()).isTrue();
    }

    @Test
    void anEventBreakingTheContractGoesToTheDeadLetterTopic() {
        UUID accountId = UUID.randomUUID();
        GoldenEvent broken = sampleFor(accountId).withData(nullField("ownerEmail"));

        kafka.produce(String.class, String.class).fromRecords(broken.toRecord()).awaitCompletion();

        var dead = kafka.consumeStrings()
                .withGroupId("dlq-" + UUID.randomUUID())
                .withAutoCommit()
                .fromTopics("deletion-service.account-events.dlq");
        try {
            await().atMost(WAIT)
                    .until(() -> dead.getRecords().stream()
                            .anyMatch(r -> accountId.toString().equals(r.key())));
        } finally {
            dead.stop();
        }
        assertThat(find(accountId)).isNull();
    }

    private Account find(UUID accountId) {
        return QuarkusTransaction.requiringNew().call(() -> accounts.findById(accountId));
    }

    private static Map<String, Object> nullField(String name) {
        Map<String, Object> fields = new HashMap<>();
        fields.put(name, null);
        return fields;
    }

    private static GoldenEvent sampleFor(UUID accountId) {
        String id = accountId.toString();
        return GoldenEvent.load("account-events", "account.registered.v1")
                .withAttributes(
                        Map.of("id", UUID.randomUUID().toString(), "accountid", id, "subject", id, "partitionkey", id))
                .withData(Map.of("accountId", id, "widgetKeySha256", sha(id)));
    }

    private static String sha(String seed) {
        return String.format("%64s", Integer.toHexString(seed.hashCode())).replace(' ', '0');
    }
}
