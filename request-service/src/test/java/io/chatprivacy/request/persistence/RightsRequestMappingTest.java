package io.chatprivacy.request.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.infra.testing.JwtResource;
import io.chatprivacy.infra.testing.KafkaResource;
import io.chatprivacy.infra.testing.PostgresResource;
import io.chatprivacy.request.domain.CorrectionField;
import io.chatprivacy.request.domain.DeadlineAlerts;
import io.chatprivacy.request.domain.Decline;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.ExportProgress;
import io.chatprivacy.request.domain.Extension;
import io.chatprivacy.request.domain.Intake;
import io.chatprivacy.request.domain.RequestChannel;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.domain.RightsRequest;
import io.chatprivacy.request.domain.Scope;
import io.chatprivacy.request.domain.StatutoryClock;
import io.chatprivacy.request.service.AccountService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The parts of a {@link RightsRequest} round-trip through the columns the schema has always had: each part
 * writes its own columns, a part whose columns are all null reads back as its empty value, and reading a
 * request changes nothing.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(value = PostgresResource.class, initArgs = @ResourceArg(name = "database", value = "request"))
@QuarkusTestResource(JwtResource.class)
class RightsRequestMappingTest {

    private static final String COLUMNS = "tag, subject_email, subject_visitor_id, identity_erased_at,"
            + " agent_name, signed_permission, correction_field, correction_value,"
            + " extended_due_at, extension_reason, extended_by, extended_at,"
            + " reminder_sent_for, breach_reported_at,"
            + " decline_reason, decline_note, declined_by,"
            + " export_id, export_chat_count, export_ticket_count, export_sent_at, export_notification_id,"
            + " export_attempt, export_requested_at, version";

    @Inject
    AccountService accounts;

    @Inject
    RightsRequestRepository repository;

    @Inject
    StatutoryClock statutoryClock;

    private UUID accountId;
    private final Instant received = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void registerAccount() {
        accountId = accounts.register("Mapping Shop", "owner@mapping.example", List.of())
                .account()
                .id();
    }

    @Test
    void aFreshRequestReadsBackWithEmptyPartsAndReadingItWritesNothing() {
        UUID id = persist(RequestType.DELETE, Scope.ofTag("Delete"), Intake.NONE);
        long version = (long) row(id).get("version");

        QuarkusTransaction.requiringNew().run(() -> {
            RightsRequest request = repository.findById(id);
            assertThat(request.scope()).isEqualTo(new Scope("Delete", null, null, null));
            assertThat(request.intake()).isEqualTo(Intake.NONE);
            assertThat(request.extension()).isEqualTo(Extension.NONE);
            assertThat(request.alerts()).isEqualTo(DeadlineAlerts.NONE);
            assertThat(request.decline()).isEqualTo(Decline.NONE);
            assertThat(request.export()).isEqualTo(ExportProgress.FIRST);
            assertThat(request.effectiveDueAt()).isEqualTo(request.dueAt());
            assertThat(request.timeline()).hasSize(1);
        });

        assertThat(row(id).get("version")).isEqualTo(version);
        assertThat(row(id))
                .containsEntry("tag", "Delete")
                .containsEntry("export_attempt", 1)
                .containsEntry("extended_due_at", null)
                .containsEntry("decline_reason", null);
    }

    @Test
    void everyPartWritesItsOwnColumnsAndErasureKeepsWhatIsNotPersonal() {
        Intake intake = new Intake("Agents Inc", true, CorrectionField.EMAIL, "kim@new.example");
        UUID id = persist(RequestType.CORRECT, Scope.ofSubject("kim@example.com", "v-kim"), intake);
        Instant later = received.plusSeconds(60);
        change(id, request -> {
            request.extend("  Many chats to look through.  ", "owner-1", later, statutoryClock);
            request.reminded(later);
            request.breached(later);
            request.decline(DeclineReason.LEGAL_HOLD, "Kim's data is under a hold.", "owner-1", later);
        });

        Map<String, Object> stored = row(id);
        Instant extendedDue = statutoryClock.extendedDueAt(statutoryClock.dueAt(RequestType.CORRECT, received));
        assertThat(stored)
                .containsEntry("subject_email", "kim@example.com")
                .containsEntry("subject_visitor_id", "v-kim")
                .containsEntry("identity_erased_at", null)
                .containsEntry("agent_name", "Agents Inc")
                .containsEntry("signed_permission", true)
                .containsEntry("correction_field", "EMAIL")
                .containsEntry("correction_value", "kim@new.example")
                .containsEntry("extended_due_at", seconds(extendedDue))
                .containsEntry("extension_reason", "Many chats to look through.")
                .containsEntry("extended_by", "owner-1")
                .containsEntry("extended_at", seconds(later))
                .containsEntry("reminder_sent_for", seconds(extendedDue))
                .containsEntry("breach_reported_at", seconds(later))
                .containsEntry("decline_reason", "LEGAL_HOLD")
                .containsEntry("decline_note", "Kim's data is under a hold.")
                .containsEntry("declined_by", "owner-1");

        Instant erasedAt = later.plusSeconds(60);
        change(id, request -> request.eraseIdentity(erasedAt));
        QuarkusTransaction.requiringNew().run(() -> {
            RightsRequest request = repository.findById(id);
            assertThat(request.scope()).isEqualTo(new Scope(null, null, null, erasedAt));
            assertThat(request.intake()).isEqualTo(new Intake(null, true, CorrectionField.EMAIL, null));
            assertThat(request.extension()).isEqualTo(new Extension(extendedDue, "[erased]", "owner-1", later));
            assertThat(request.decline()).isEqualTo(new Decline(DeclineReason.LEGAL_HOLD, "[erased]", "owner-1"));
            assertThat(request.alerts()).isEqualTo(new DeadlineAlerts(extendedDue, later));
            assertThat(request.consumerEmail()).isNull();
        });
    }

    @Test
    void anAccessRequestsCopyWritesTheExportColumns() {
        UUID id = persist(RequestType.ACCESS, Scope.ofSubject("ann@example.com", null), Intake.NONE);
        UUID exportId = UUID.randomUUID();
        UUID mailId = UUID.randomUUID();
        Instant later = received.plusSeconds(60);
        change(id, request -> {
            request.requestExport("agent-2", later);
            request.exportReady(exportId, 3, 1, later.plusSeconds(3600), later, later, "e1");
            request.exportSent(mailId, later, later, "e2");
        });

        assertThat(row(id))
                .containsEntry("export_id", exportId)
                .containsEntry("export_chat_count", 3L)
                .containsEntry("export_ticket_count", 1L)
                .containsEntry("export_sent_at", seconds(later))
                .containsEntry("export_notification_id", mailId)
                .containsEntry("export_attempt", 2)
                .containsEntry("export_requested_at", seconds(later));
        QuarkusTransaction.requiringNew()
                .run(() -> assertThat(repository.findById(id).export())
                        .isEqualTo(new ExportProgress(exportId, 3L, 1L, later, mailId, 2, later)));
    }

    private UUID persist(RequestType type, Scope scope, Intake intake) {
        RightsRequest request = RightsRequest.open(new RightsRequest.Opening(
                UUID.randomUUID(),
                accountId,
                type,
                RequestChannel.AUTHORIZED_AGENT,
                scope,
                intake,
                "agent-1",
                received,
                null,
                statutoryClock.deadlines(type, received)));
        QuarkusTransaction.requiringNew().run(() -> repository.persist(request));
        return request.id();
    }

    private void change(UUID id, java.util.function.Consumer<RightsRequest> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(repository.findById(id)));
    }

    /** The stored columns, instants as epoch seconds (the test's instants are whole seconds). */
    private Map<String, Object> row(UUID id) {
        String select = Arrays.stream(COLUMNS.split(","))
                .map(String::strip)
                .map(column -> column.endsWith("_at") || column.equals("reminder_sent_for")
                        ? "cast(extract(epoch from " + column + ") as bigint) as " + column
                        : column)
                .reduce((a, b) -> a + ", " + b)
                .orElseThrow();
        Object[] values = QuarkusTransaction.requiringNew().call(() -> (Object[]) repository
                .getEntityManager()
                .createNativeQuery("select " + select + " from rights_request where id = :id")
                .setParameter("id", id)
                .getSingleResult());
        String[] names = COLUMNS.split(",");
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Object value = values[i];
            row.put(names[i].strip(), value instanceof BigDecimal decimal ? decimal.longValueExact() : value);
        }
        return row;
    }

    private static Long seconds(Instant instant) {
        return instant.getEpochSecond();
    }
}
