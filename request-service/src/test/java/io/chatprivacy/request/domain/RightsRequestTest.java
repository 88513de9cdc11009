package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The aggregate's own rules, without a database: transitions, the timeline and what must never happen. */
class RightsRequestTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-29T10:20:00Z");
    private static final Instant LATER = RECEIVED.plusSeconds(60);

    private final StatutoryClock clock = new StatutoryClock();

    private RightsRequest tagDeletion() {
        return RightsRequest.open(opening(RequestType.DELETE, RequestChannel.WEB_FORM, Scope.ofTag("Delete"), null));
    }

    @Test
    void opensWithItsDatesAndATimelineEntry() {
        RightsRequest request = tagDeletion();
        assertThat(request.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(request.acknowledgeBy()).isEqualTo(Instant.parse("2026-12-11T10:20:00Z"));
        assertThat(request.dueAt()).isEqualTo(Instant.parse("2027-01-13T10:20:00Z"));
        assertThat(request.extension()).isEqualTo(Extension.NONE);
        assertThat(request.effectiveDueAt()).isEqualTo(request.dueAt());
        assertThat(request.timeline()).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(TimelineKind.OPENED);
            assertThat(entry.actor()).isEqualTo("agent-1");
            assertThat(entry.summary()).contains("\"Delete\"").contains("WEB_FORM");
        });
    }

    @Test
    void aDeletionNamesExactlyOneScope() {
        assertThatThrownBy(() -> opening(
                        RequestType.DELETE,
                        RequestChannel.EMAIL,
                        Scope.of("Delete", "visitor@example.com", null),
                        null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> opening(RequestType.DELETE, RequestChannel.EMAIL, Scope.of(null, null, null), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsAVerifiedDeletionToCompletion() {
        RightsRequest request = tagDeletion();
        UUID job = UUID.randomUUID();
        assertThat(request.verificationIssued(job, 300, 50, LATER.plusSeconds(1800), LATER, LATER, "e1"))
                .isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);
        assertThat(request.currentJobId()).isEqualTo(job);

        assertThat(request.purgeCompleted(job, UUID.randomUUID(), 300, 50, 2, 1, LATER, LATER, "e2"))
                .isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(request.closedAt()).isEqualTo(LATER);
        TimelineEntry purge = request.timeline().get(2);
        assertThat(purge.kind()).isEqualTo(TimelineKind.PURGE_COMPLETED);
        assertThat(purge.details())
                .containsEntry("chatsDeleted", 300L)
                .containsEntry("ticketsDeleted", 50L)
                .containsEntry("chatsSkippedLegalHold", 2L)
                .containsEntry("ticketsSkippedLegalHold", 1L);
        assertThat(purge.summary()).contains("2 chat(s) and 1 ticket(s) kept under legal hold");
        assertThat(purge.sourceEventId()).isEqualTo("e2");
    }

    @Test
    void aLateVerificationAfterCompletionDoesNotReopenIt() {
        RightsRequest request = tagDeletion();
        UUID job = UUID.randomUUID();
        request.verificationIssued(job, 1, 0, LATER, LATER, LATER, "e1");
        request.purgeCompleted(job, UUID.randomUUID(), 1, 0, 0, 0, LATER, LATER, "e2");
        int entries = request.timeline().size();

        assertThat(request.verificationIssued(UUID.randomUUID(), 1, 0, LATER, LATER, LATER, "e3"))
                .isFalse();
        assertThat(request.jobExpired(job, LATER, LATER, "e4")).isFalse();

        assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(request.timeline()).hasSize(entries);
    }

    @Test
    void aLockKeepsItWaitingAndANewCodeReplacesTheJob() {
        RightsRequest request = tagDeletion();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        request.verificationIssued(first, 300, 50, LATER, LATER, LATER, "e1");
        assertThat(request.jobLocked(first, 5, LATER, LATER, "e2")).isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        request.verificationIssued(second, 300, 50, LATER, LATER, LATER, "e3");
        assertThat(request.currentJobId()).isEqualTo(second);
        assertThat(request.timeline().get(3).summary()).startsWith("A new verification code");

        // the old job's expiry must not expire the request that now waits for the new code
        assertThat(request.jobExpired(first, LATER, LATER, "e4")).isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.AWAITING_VERIFICATION);

        assertThat(request.jobExpired(second, LATER, LATER, "e5")).isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.EXPIRED);
    }

    @Test
    void declinesOnceAndNeverAfterCompletion() {
        RightsRequest declined = tagDeletion();
        declined.decline(DeclineReason.LEGAL_HOLD, "Litigation hold", "owner-1", LATER);
        assertThat(declined.status()).isEqualTo(RequestStatus.DECLINED);
        assertThat(declined.decline()).isEqualTo(new Decline(DeclineReason.LEGAL_HOLD, "Litigation hold", "owner-1"));
        assertThatThrownBy(() -> declined.decline(DeclineReason.CANNOT_VERIFY, "again", "owner-1", LATER))
                .isInstanceOf(RequestClosedException.class);

        RightsRequest completed = tagDeletion();
        UUID job = UUID.randomUUID();
        completed.verificationIssued(job, 1, 0, LATER, LATER, LATER, "e1");
        completed.purgeCompleted(job, UUID.randomUUID(), 1, 0, 0, 0, LATER, LATER, "e2");
        assertThatThrownBy(() -> completed.decline(DeclineReason.LEGAL_HOLD, "too late", "owner-1", LATER))
                .isInstanceOf(RequestClosedException.class);
        assertThat(completed.status()).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void mailOutcomesAreRecordedWhateverTheStatus() {
        RightsRequest request = tagDeletion();
        request.decline(DeclineReason.BUSINESS_NECESSITY, "needed", "owner-1", LATER);
        request.notificationSent(UUID.randomUUID(), "DECLINE_NOTICE", 1, LATER, LATER, "e1");
        request.notificationFailed(
                UUID.randomUUID(), "DECLINE_NOTICE", 3, "SMTP_UNAVAILABLE", true, LATER, LATER, "e2");
        assertThat(request.timeline())
                .extracting(TimelineEntry::kind)
                .containsExactly(
                        TimelineKind.OPENED,
                        TimelineKind.DECLINED,
                        TimelineKind.NOTIFICATION_SENT,
                        TimelineKind.NOTIFICATION_FAILED);
        assertThat(request.timeline().get(3).summary()).contains("attempt 3").contains("retrying");
        assertThat(request.status()).isEqualTo(RequestStatus.DECLINED);
    }

    private RightsRequest consumerRequest(RequestType type, String email, String visitorId, Intake intake) {
        return RightsRequest.open(opening(type, RequestChannel.EMAIL, Scope.ofSubject(email, visitorId), intake));
    }

    /** An opening received at {@link #RECEIVED} and logged at once. */
    private RightsRequest.Opening opening(RequestType type, RequestChannel channel, Scope scope, Intake intake) {
        return new RightsRequest.Opening(
                UUID.randomUUID(),
                UUID.randomUUID(),
                type,
                channel,
                scope,
                intake,
                "agent-1",
                RECEIVED,
                null,
                clock.deadlines(type, RECEIVED));
    }

    @Test
    void aRequestLoggedAfterItArrivedCountsFromItsReceipt() {
        Instant logged = RECEIVED.plus(java.time.Duration.ofDays(3));
        RightsRequest request = RightsRequest.open(new RightsRequest.Opening(
                UUID.randomUUID(),
                UUID.randomUUID(),
                RequestType.ACCESS,
                RequestChannel.EMAIL,
                Scope.ofSubject("ann@example.com", null),
                Intake.NONE,
                "agent-1",
                RECEIVED,
                logged,
                clock.deadlines(RequestType.ACCESS, RECEIVED)));
        assertThat(request.receivedAt()).isEqualTo(RECEIVED);
        assertThat(request.dueAt()).isEqualTo(Instant.parse("2027-01-13T10:20:00Z"));
        assertThat(request.updatedAt()).isEqualTo(logged);
        TimelineEntry opened = request.timeline().get(0);
        assertThat(opened.occurredAt()).isEqualTo(RECEIVED);
        assertThat(opened.recordedAt()).isEqualTo(logged);
        assertThat(opened.details()).containsEntry("loggedAt", logged.toString());
        assertThat(tagDeletion().timeline().get(0).details()).doesNotContainKey("loggedAt");
    }

    @Test
    void anAccessRequestIsFulfilledOnlyOnceTheCopyIsPreparedAndMailedInEitherOrder() {
        UUID export = UUID.randomUUID();
        UUID mail = UUID.randomUUID();
        Instant sent = LATER.plusSeconds(5);

        RightsRequest exportFirst = consumerRequest(RequestType.ACCESS, "ann@example.com", null, Intake.NONE);
        assertThat(exportFirst.exportReady(export, 3, 1, LATER.plusSeconds(600), LATER, LATER, "e1"))
                .isTrue();
        assertThat(exportFirst.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(exportFirst.exportSent(mail, sent, sent, "e2")).isTrue();
        assertThat(exportFirst.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThat(exportFirst.closedAt()).isEqualTo(sent);

        RightsRequest mailFirst = consumerRequest(RequestType.ACCESS, "bo@example.com", null, Intake.NONE);
        assertThat(mailFirst.exportSent(mail, sent, sent, "e2")).isFalse();
        assertThat(mailFirst.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(mailFirst.exportReady(export, 3, 1, LATER.plusSeconds(600), LATER, sent, "e1"))
                .isTrue();
        assertThat(mailFirst.status()).isEqualTo(RequestStatus.COMPLETED);
        // the consumer had the copy when the mail was delivered, whichever report came last
        assertThat(mailFirst.closedAt()).isEqualTo(sent);

        for (RightsRequest request : java.util.List.of(exportFirst, mailFirst)) {
            assertThat(request.timeline())
                    .extracting(TimelineEntry::kind)
                    .containsExactly(TimelineKind.OPENED, TimelineKind.EXPORT_READY, TimelineKind.FULFILLED);
            assertThat(request.timeline().get(2).details())
                    .containsEntry("exportId", export.toString())
                    .containsEntry("chatCount", 3L)
                    .containsEntry("ticketCount", 1L)
                    .containsEntry("notificationId", mail.toString());
            assertThat(request.export().exportChatCount()).isEqualTo(3L);
            // a late or repeated report changes nothing
            int entries = request.timeline().size();
            assertThat(request.exportReady(export, 3, 1, LATER, LATER, LATER, "e3"))
                    .isFalse();
            assertThat(request.exportSent(mail, sent, sent, "e4")).isFalse();
            assertThat(request.timeline()).hasSize(entries);
        }
    }

    @Test
    void aCorrectionTheVaultCannotMatchDeclinesTheRequestButNeverAFinalOne() {
        Intake name = new Intake(null, null, CorrectionField.NAME, "Ann Smith");
        RightsRequest request = consumerRequest(RequestType.CORRECT, "ann@example.com", null, name);
        assertThat(request.unverified(
                        "No match.", java.util.Map.of("rejection", "NO_MATCHING_DATA"), LATER, LATER, "e1"))
                .isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.DECLINED);
        assertThat(request.decline()).isEqualTo(new Decline(DeclineReason.CANNOT_VERIFY, "No match.", null));
        assertThat(request.closedAt()).isEqualTo(LATER);
        assertThat(request.timeline().get(1).details())
                .containsEntry("reason", "CANNOT_VERIFY")
                .containsEntry("rejection", "NO_MATCHING_DATA")
                .containsEntry("note", "No match.");
        assertThat(request.unverified("Again.", java.util.Map.of(), LATER, LATER, "e2"))
                .isFalse();
        assertThat(request.decline().declineNote()).isEqualTo("No match.");

        RightsRequest done = consumerRequest(RequestType.CORRECT, "bo@example.com", null, name);
        done.fulfilled("Corrected.", java.util.Map.of(), LATER, LATER, "e3");
        assertThat(done.unverified("Late.", java.util.Map.of(), LATER, LATER, "e4"))
                .isFalse();
        assertThat(done.status()).isEqualTo(RequestStatus.COMPLETED);
    }

    @Test
    void theConsumerIsWrittenToAtTheCorrectedAddressOfAnEmailCorrection() {
        assertThat(consumerRequest(
                                RequestType.CORRECT,
                                "old@example.com",
                                "v-1",
                                new Intake(null, null, CorrectionField.EMAIL, "new@example.com"))
                        .consumerEmail())
                .isEqualTo("new@example.com");
        assertThat(consumerRequest(
                                RequestType.CORRECT,
                                "ann@example.com",
                                null,
                                new Intake(null, null, CorrectionField.NAME, "Ann Smith"))
                        .consumerEmail())
                .isEqualTo("ann@example.com");
        assertThat(consumerRequest(RequestType.ACCESS, "cy@example.com", null, Intake.NONE)
                        .consumerEmail())
                .isEqualTo("cy@example.com");
        assertThat(tagDeletion().consumerEmail()).isNull();
    }

    @Test
    void aFreshCopyIsCountedRecordedAtMostOnceAMinuteAndOnlyWhileTheAccessRequestIsOpen() {
        RightsRequest request = consumerRequest(RequestType.ACCESS, "ann@example.com", null, Intake.NONE);
        assertThat(request.export().exportAttempt()).isEqualTo(1);

        assertThat(request.requestExport("agent-2", LATER)).isEqualTo(2);
        assertThat(request.status()).isEqualTo(RequestStatus.OPEN);
        assertThat(request.export().exportRequestedAt()).isEqualTo(LATER);
        assertThat(request.timeline().get(1)).satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(TimelineKind.EXPORT_REQUESTED);
            assertThat(entry.actor()).isEqualTo("agent-2");
            assertThat(entry.details()).containsEntry("attempt", 2).containsEntry("requestedBy", "agent-2");
        });

        // a double click: refused, with the time it may be asked again, and nothing recorded
        Instant soon = LATER.plusSeconds(59);
        assertThatThrownBy(() -> request.requestExport("agent-2", soon))
                .isInstanceOfSatisfying(ExportRefusedException.class, e -> {
                    assertThat(e.refusal()).isEqualTo(ExportRefusedException.Refusal.RECENTLY_REQUESTED);
                    assertThat(e.askAgainAt()).isEqualTo(LATER.plusSeconds(60));
                });
        assertThat(request.export().exportAttempt()).isEqualTo(2);
        assertThat(request.timeline()).hasSize(2);
        assertThat(request.requestExport("owner-1", LATER.plusSeconds(60))).isEqualTo(3);

        // whichever attempt's copy is delivered completes the request; then no more copies
        Instant later = LATER.plusSeconds(120);
        request.exportReady(UUID.randomUUID(), 3, 1, later.plusSeconds(600), later, later, "e1");
        assertThat(request.exportSent(UUID.randomUUID(), later, later, "e2")).isTrue();
        assertThat(request.status()).isEqualTo(RequestStatus.COMPLETED);
        assertThatThrownBy(() -> request.requestExport("agent-2", later.plusSeconds(120)))
                .isInstanceOf(RequestClosedException.class);
        assertThat(request.export().exportAttempt()).isEqualTo(3);

        assertThatThrownBy(() -> consumerRequest(RequestType.OPT_OUT, null, "v-1", Intake.NONE)
                        .requestExport("agent-2", LATER))
                .isInstanceOfSatisfying(
                        ExportRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(ExportRefusedException.Refusal.NOT_AN_ACCESS_REQUEST));
        RightsRequest erased = consumerRequest(RequestType.ACCESS, "bo@example.com", null, Intake.NONE);
        erased.eraseIdentity(LATER);
        assertThatThrownBy(() -> erased.requestExport("agent-2", LATER))
                .isInstanceOfSatisfying(
                        ExportRefusedException.class,
                        e -> assertThat(e.refusal()).isEqualTo(ExportRefusedException.Refusal.IDENTITY_ERASED));
    }
}
