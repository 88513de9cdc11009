package io.chatprivacy.request.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.infra.testing.TestClock;
import io.chatprivacy.request.RequestEvents;
import io.chatprivacy.request.domain.AppealDecision;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.TimelineEntry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The deadline sweep, driven by a clock the test sets: one reminder per due date, one overdue alert. */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class DeadlineServiceTest {

    private static final String APPROACHING = "request.deadline-approaching.v1";
    private static final String BREACHED = "request.deadline-breached.v1";

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestService requests;

    @Inject
    DeadlineService deadlines;

    @Inject
    AppealService appeals;

    @Inject
    TestClock clock;

    @Inject
    ObjectMapper mapper;

    @InjectKafkaCompanion
    KafkaCompanion kafka;

    @Inject
    AgroalDataSource dataSource;

    private UUID accountId;

    @BeforeEach
    void registerAccount() {
        accountId = accounts.register("Demo Shop", "owner@demo.example", List.of())
                .account()
                .id();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void remindsOnceSevenDaysBeforeAndAlertsOnceWhenOverdue() throws Exception {
        RightsRequest request = open(RequestType.ACCESS, "gia@example.com");
        Instant due = request.dueAt();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            clock.set(due.minus(Duration.ofDays(8)));
            deadlines.sweep();
            clock.set(due.minus(Duration.ofDays(6)));
            deadlines.sweep();
            deadlines.sweep();
            JsonNode reminder =
                    mapper.readTree(events.await(APPROACHING, request.id()).value());
            assertThat(reminder.get("daysLeft").asInt()).isEqualTo(6);
            assertThat(Instant.parse(reminder.get("dueAt").asText())).isEqualTo(due);
            assertThat(reminder.get("requestType").asText()).isEqualTo("ACCESS");
            assertThat(reminder.toString()).doesNotContain("gia@example.com");

            clock.set(due.plus(Duration.ofHours(1)));
            deadlines.sweep();
            deadlines.sweep();
            JsonNode alert =
                    mapper.readTree(events.await(BREACHED, request.id()).value());
            assertThat(Instant.parse(alert.get("dueAt").asText())).isEqualTo(due);
            assertThat(alert.get("status").asText()).isEqualTo("OPEN");

            // a later event of the same account proves nothing more was published before it
            RightsRequest marker = open(RequestType.LIMIT, "marker@example.com");
            assertThat(events.settledCount(APPROACHING, request.id(), "request.opened.v1", marker.id()))
                    .isEqualTo(1);
            assertThat(events.about(BREACHED, request.id())).hasSize(1);
        }
        assertThat(kinds(request.id())).containsSubsequence("OPENED", "DEADLINE_APPROACHING", "DEADLINE_BREACHED");
    }

    @Test
    void anExtensionEarnsAReminderOfTheNewDueDateAndAClosedRequestNone() throws Exception {
        RightsRequest extended = open(RequestType.CORRECT, "hal@example.com");
        RightsRequest declined = open(RequestType.DELETE, "ivy@example.com");
        requests.decline(accountId, declined.id(), DeclineReason.CANNOT_VERIFY, "No match", "owner-1");
        Instant due = extended.dueAt();
        try (RequestEvents events = RequestEvents.read(kafka)) {
            clock.set(due.minus(Duration.ofDays(3)));
            deadlines.sweep();
            events.await(APPROACHING, extended.id());
            requests.extend(accountId, extended.id(), "Archives must be restored first.", "owner-1");
            Instant newDue = due.plus(Duration.ofDays(45));

            clock.set(due.plus(Duration.ofDays(1)));
            deadlines.sweep();
            clock.set(newDue.minus(Duration.ofDays(7)));
            deadlines.sweep();
            org.awaitility.Awaitility.await()
                    .atMost(RequestEvents.WAIT)
                    .until(() -> events.about(APPROACHING, extended.id()).size() == 2);
            JsonNode second = mapper.readTree(
                    events.about(APPROACHING, extended.id()).get(1).value());
            assertThat(Instant.parse(second.get("dueAt").asText())).isEqualTo(newDue);
            assertThat(second.get("extended").asBoolean()).isTrue();
            assertThat(second.get("daysLeft").asInt()).isEqualTo(7);

            clock.set(newDue.plus(Duration.ofMinutes(1)));
            deadlines.sweep();
            events.await(BREACHED, extended.id());
            clock.reset();
            RightsRequest marker = open(RequestType.LIMIT, "marker2@example.com");
            // extended: not breached at the original due date, only at the new one
            assertThat(events.settledCount(BREACHED, extended.id(), "request.opened.v1", marker.id()))
                    .isEqualTo(1);
            assertThat(events.about(APPROACHING, declined.id())).isEmpty();
            assertThat(events.about(BREACHED, declined.id())).isEmpty();
        }
    }

    @Test
    void aPendingAppealIsWatchedAgainstItsOwnDueDateAndADecidedOneNoMore() throws Exception {
        RightsRequest pending = openIn("VA", RequestType.DELETE, "jo@example.com");
        RightsRequest decided = openIn("VA", RequestType.DELETE, "kim@example.com");
        for (RightsRequest request : List.of(pending, decided)) {
            requests.decline(accountId, request.id(), DeclineReason.CANNOT_VERIFY, "No match", "owner-1");
        }
        Instant appealDue = appeals.appeal(accountId, pending.id(), "I did ask; please look again.", "consumer")
                .appeal()
                .appealDueAt();
        appeals.appeal(accountId, decided.id(), "Please look again.", "consumer");
        appeals.decide(accountId, decided.id(), AppealDecision.UPHELD, "We hold no data of yours.", "owner-1");
        try (RequestEvents events = RequestEvents.read(kafka)) {
            clock.set(appealDue.minus(Duration.ofDays(6)));
            deadlines.sweep();
            deadlines.sweep();
            JsonNode reminder =
                    mapper.readTree(events.await(APPROACHING, pending.id()).value());
            assertThat(reminder.get("clock").asText()).isEqualTo("APPEAL");
            assertThat(Instant.parse(reminder.get("dueAt").asText())).isEqualTo(appealDue);
            assertThat(reminder.get("daysLeft").asInt()).isEqualTo(6);
            assertThat(reminder.get("status").asText()).isEqualTo("DECLINED");

            clock.set(appealDue.plus(Duration.ofHours(1)));
            deadlines.sweep();
            deadlines.sweep();
            JsonNode alert =
                    mapper.readTree(events.await(BREACHED, pending.id()).value());
            assertThat(alert.get("clock").asText()).isEqualTo("APPEAL");
            assertThat(Instant.parse(alert.get("dueAt").asText())).isEqualTo(appealDue);

            clock.reset();
            RightsRequest marker = open(RequestType.LIMIT, "marker3@example.com");
            assertThat(events.settledCount(BREACHED, pending.id(), "request.opened.v1", marker.id()))
                    .isEqualTo(1);
            assertThat(events.about(APPROACHING, pending.id())).hasSize(1);
            assertThat(events.about(APPROACHING, decided.id())).isEmpty();
            assertThat(events.about(BREACHED, decided.id())).isEmpty();
        }
        assertThat(kinds(pending.id()))
                .containsSubsequence("APPEAL_RECEIVED", "DEADLINE_APPROACHING", "DEADLINE_BREACHED");
    }

    @Test
    void twoReplicasSweepingAtOnceRemindOnceAndNeitherWaitsForTheOther() throws Exception {
        List<RightsRequest> due = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            due.add(open(RequestType.ACCESS, "replica-" + i + "@example.com"));
        }
        clock.set(due.get(0).dueAt().minus(Duration.ofDays(6)));
        CountDownLatch firstSwept = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            // the first replica's sweep holds its rows until its transaction commits, after the second's sweep
            Future<Boolean> first =
                    replicas.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                        deadlines.sweep();
                        firstSwept.countDown();
                        return secondDone.await(30, TimeUnit.SECONDS);
                    }));
            Future<DeadlineService.Result> second = replicas.submit(() -> {
                firstSwept.await();
                try {
                    return deadlines.sweep();
                } finally {
                    secondDone.countDown();
                }
            });
            second.get(60, TimeUnit.SECONDS);
            // the second skipped the rows the first holds, rather than waiting for its commit
            assertThat(first.get(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            replicas.shutdownNow();
        }
        for (RightsRequest request : due) {
            assertThat(outboxed(APPROACHING, request.id())).isEqualTo(1);
        }
        // and a later sweep of either finds nothing left to remind
        deadlines.sweep();
        for (RightsRequest request : due) {
            assertThat(outboxed(APPROACHING, request.id())).isEqualTo(1);
        }
    }

    @Test
    void theSelfTestsSyntheticRequestsHaveNoClockToRemindOf() throws Exception {
        RightsRequest real = open(RequestType.OPT_OUT, "ivy@example.com");
        RightsRequest synthetic = open(RequestType.OPT_OUT, "selftest-77aa@selftest.invalid");
        assertThat(synthetic.synthetic()).isTrue();

        clock.set(real.dueAt().minus(Duration.ofDays(2)));
        deadlines.sweep();
        clock.set(real.dueAt().plus(Duration.ofHours(1)));
        deadlines.sweep();

        assertThat(outboxed(APPROACHING, real.id())).isEqualTo(1);
        assertThat(outboxed(BREACHED, real.id())).isEqualTo(1);
        assertThat(outboxed(APPROACHING, synthetic.id())).isZero();
        assertThat(outboxed(BREACHED, synthetic.id())).isZero();
        assertThat(kinds(synthetic.id())).doesNotContain("DEADLINE_APPROACHING", "DEADLINE_BREACHED");
        assertThat(kinds(real.id())).contains("DEADLINE_APPROACHING", "DEADLINE_BREACHED");
    }

    private long outboxed(String type, UUID requestId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "select count(*) from outbox_event where type = ? and subject = ?")) {
            count.setString(1, type);
            count.setString(2, requestId.toString());
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private RightsRequest open(RequestType type, String email) {
        return requests.open(
                        accountId,
                        new RightsRequestService.Opening(
                                type,
                                RequestChannel.EMAIL,
                                null,
                                email,
                                null,
                                type == RequestType.CORRECT
                                        ? new io.chatprivacy.request.domain.Intake(
                                                null, null, io.chatprivacy.request.domain.CorrectionField.NAME, "Hal")
                                        : io.chatprivacy.request.domain.Intake.NONE),
                        "agent-1")
                .request();
    }

    private RightsRequest openIn(String jurisdiction, RequestType type, String email) {
        return requests.open(
                        accountId,
                        new RightsRequestService.Opening(
                                type,
                                RequestChannel.EMAIL,
                                null,
                                email,
                                null,
                                io.chatprivacy.request.domain.Intake.NONE,
                                null,
                                jurisdiction),
                        "agent-1")
                .request();
    }

    private List<String> kinds(UUID requestId) {
        return requests.get(accountId, requestId).timeline().stream()
                .map(TimelineEntry::kind)
                .map(Enum::name)
                .toList();
    }
}
