package io.chatprivacy.request.domain;

import static io.chatprivacy.request.domain.RequestLifecycle.Effect.IGNORE;
import static io.chatprivacy.request.domain.RequestLifecycle.Effect.RECORD;
import static io.chatprivacy.request.domain.RequestLifecycle.Effect.REJECT;
import static io.chatprivacy.request.domain.RequestLifecycle.Effect.TRANSITION;
import static io.chatprivacy.request.domain.RequestLifecycle.Trigger.DECLINE;
import static io.chatprivacy.request.domain.RequestLifecycle.Trigger.JOB_EXPIRED;
import static io.chatprivacy.request.domain.RequestLifecycle.Trigger.JOB_LOCKED;
import static io.chatprivacy.request.domain.RequestLifecycle.Trigger.PURGE_COMPLETED;
import static io.chatprivacy.request.domain.RequestLifecycle.Trigger.VERIFICATION_ISSUED;
import static io.chatprivacy.request.domain.RequestStatus.AWAITING_VERIFICATION;
import static io.chatprivacy.request.domain.RequestStatus.COMPLETED;
import static io.chatprivacy.request.domain.RequestStatus.DECLINED;
import static io.chatprivacy.request.domain.RequestStatus.EXPIRED;
import static io.chatprivacy.request.domain.RequestStatus.OPEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.request.domain.RequestLifecycle.Decision;
import io.chatprivacy.request.domain.RequestLifecycle.Effect;
import io.chatprivacy.request.domain.RequestLifecycle.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class RequestLifecycleTest {

    @ParameterizedTest(name = "{0} + {1} (current job: {2}) -> {3} {4}")
    @CsvSource({
        // the happy path
        "OPEN, VERIFICATION_ISSUED, true, TRANSITION, AWAITING_VERIFICATION",
        "AWAITING_VERIFICATION, PURGE_COMPLETED, true, TRANSITION, COMPLETED",
        // a lock keeps the request waiting for a new code; a new code is recorded
        "AWAITING_VERIFICATION, JOB_LOCKED, true, RECORD, AWAITING_VERIFICATION",
        "AWAITING_VERIFICATION, VERIFICATION_ISSUED, true, RECORD, AWAITING_VERIFICATION",
        // expiry of the latest job expires the request; of a replaced job it is only recorded
        "AWAITING_VERIFICATION, JOB_EXPIRED, true, TRANSITION, EXPIRED",
        "AWAITING_VERIFICATION, JOB_EXPIRED, false, RECORD, AWAITING_VERIFICATION",
        "EXPIRED, VERIFICATION_ISSUED, true, TRANSITION, AWAITING_VERIFICATION",
        "EXPIRED, PURGE_COMPLETED, true, TRANSITION, COMPLETED",
        // declining is possible until the outcome is final
        "OPEN, DECLINE, true, TRANSITION, DECLINED",
        "AWAITING_VERIFICATION, DECLINE, true, TRANSITION, DECLINED",
        "EXPIRED, DECLINE, true, TRANSITION, DECLINED",
        "COMPLETED, DECLINE, true, REJECT, COMPLETED",
        "DECLINED, DECLINE, true, REJECT, DECLINED",
        // late events never reopen a final outcome
        "COMPLETED, VERIFICATION_ISSUED, true, IGNORE, COMPLETED",
        "COMPLETED, JOB_EXPIRED, true, IGNORE, COMPLETED",
        "COMPLETED, JOB_LOCKED, true, IGNORE, COMPLETED",
        "COMPLETED, PURGE_COMPLETED, true, IGNORE, COMPLETED",
        "DECLINED, VERIFICATION_ISSUED, true, IGNORE, DECLINED",
        "DECLINED, JOB_EXPIRED, true, IGNORE, DECLINED",
        // a purge that raced a decline is a fact the record must keep, but the decline stands
        "DECLINED, PURGE_COMPLETED, true, RECORD, DECLINED",
        // an access copy prepared is recorded; the request waits for its mail (and records it even if declined)
        "OPEN, EXPORT_READY, true, RECORD, OPEN",
        "DECLINED, EXPORT_READY, true, RECORD, DECLINED",
        "COMPLETED, EXPORT_READY, true, IGNORE, COMPLETED",
        // a correction the vault cannot match declines an open request, and never a final one
        "OPEN, UNVERIFIED, true, TRANSITION, DECLINED",
        "AWAITING_VERIFICATION, UNVERIFIED, true, TRANSITION, DECLINED",
        "EXPIRED, UNVERIFIED, true, TRANSITION, DECLINED",
        "COMPLETED, UNVERIFIED, true, IGNORE, COMPLETED",
        "DECLINED, UNVERIFIED, true, IGNORE, DECLINED",
        // a fresh copy may be asked for while the request is open, never once its outcome is final
        "OPEN, RESEND_EXPORT, true, RECORD, OPEN",
        "AWAITING_VERIFICATION, RESEND_EXPORT, true, RECORD, AWAITING_VERIFICATION",
        "EXPIRED, RESEND_EXPORT, true, RECORD, EXPIRED",
        "COMPLETED, RESEND_EXPORT, true, REJECT, COMPLETED",
        "DECLINED, RESEND_EXPORT, true, REJECT, DECLINED",
        // only a declined request is appealed; a reversal on appeal is the one way out of a final status
        "DECLINED, APPEAL, true, RECORD, DECLINED",
        "DECLINED, APPEAL_UPHELD, true, RECORD, DECLINED",
        "DECLINED, APPEAL_REVERSED, true, TRANSITION, OPEN",
        "OPEN, APPEAL, true, REJECT, OPEN",
        "AWAITING_VERIFICATION, APPEAL, true, REJECT, AWAITING_VERIFICATION",
        "EXPIRED, APPEAL_REVERSED, true, REJECT, EXPIRED",
        "COMPLETED, APPEAL, true, REJECT, COMPLETED",
        "COMPLETED, APPEAL_REVERSED, true, REJECT, COMPLETED",
    })
    void decides(RequestStatus from, Trigger trigger, boolean currentJob, Effect effect, RequestStatus next) {
        Decision decision = RequestLifecycle.decide(from, trigger, currentJob);
        assertThat(decision.effect()).isEqualTo(effect);
        assertThat(decision.next()).isEqualTo(next);
    }

    @ParameterizedTest
    @EnumSource(value = Trigger.class, names = "APPEAL_REVERSED", mode = EnumSource.Mode.EXCLUDE)
    void nothingButAReversalOnAppealLeavesAFinalStatus(Trigger trigger) {
        for (RequestStatus status : new RequestStatus[] {COMPLETED, DECLINED}) {
            assertThat(RequestLifecycle.decide(status, trigger, true).next()).isEqualTo(status);
            assertThat(RequestLifecycle.decide(status, trigger, false).next()).isEqualTo(status);
        }
    }

    @Test
    void onlyADeclineAnExtensionOrAFreshCopyIsEverRejectedAndOnlyWhenFinal() {
        for (RequestStatus status : RequestStatus.values()) {
            for (Trigger trigger : Trigger.values()) {
                Decision decision = RequestLifecycle.decide(status, trigger, true);
                boolean rejected = decision.effect() == REJECT;
                boolean appealAct = trigger == Trigger.APPEAL
                        || trigger == Trigger.APPEAL_UPHELD
                        || trigger == Trigger.APPEAL_REVERSED;
                boolean asked = trigger == DECLINE || trigger == Trigger.EXTEND || trigger == Trigger.RESEND_EXPORT;
                // an appeal and its decision are the other way round: refused unless the request is declined
                assertThat(rejected)
                        .as(status + " + " + trigger)
                        .isEqualTo(appealAct ? status != DECLINED : asked && status.isFinal());
            }
        }
    }

    @Test
    void aReversalOnAppealReopensADeclinedRequestAndNothingElse() {
        assertThat(RequestLifecycle.decide(DECLINED, Trigger.APPEAL_REVERSED, true))
                .isEqualTo(new Decision(TRANSITION, OPEN));
        assertThat(RequestLifecycle.decide(COMPLETED, Trigger.APPEAL_REVERSED, true)
                        .next())
                .isEqualTo(COMPLETED);
    }

    @Test
    void recordedMeansATimelineEntry() {
        assertThat(RequestLifecycle.decide(OPEN, VERIFICATION_ISSUED, true).recorded())
                .isTrue();
        assertThat(RequestLifecycle.decide(AWAITING_VERIFICATION, JOB_LOCKED, true)
                        .recorded())
                .isTrue();
        assertThat(RequestLifecycle.decide(COMPLETED, PURGE_COMPLETED, true).recorded())
                .isFalse();
        assertThat(RequestLifecycle.decide(COMPLETED, DECLINE, true).recorded()).isFalse();
        assertThat(RequestLifecycle.decide(OPEN, JOB_EXPIRED, true).effect()).isEqualTo(RECORD);
        assertThat(RequestLifecycle.decide(EXPIRED, JOB_EXPIRED, true).effect()).isEqualTo(RECORD);
        assertThat(RequestLifecycle.decide(DECLINED, JOB_LOCKED, true).effect()).isEqualTo(IGNORE);
        assertThat(RequestLifecycle.decide(OPEN, PURGE_COMPLETED, true).effect())
                .isEqualTo(TRANSITION);
    }

    @Test
    void aFulfilmentCompletesAnOpenRequestAndIsOnlyRecordedAfterADecline() {
        for (RequestStatus status : new RequestStatus[] {OPEN, AWAITING_VERIFICATION, EXPIRED}) {
            assertThat(RequestLifecycle.decide(status, Trigger.FULFILLED, true))
                    .isEqualTo(new Decision(TRANSITION, COMPLETED));
            assertThat(RequestLifecycle.decide(status, Trigger.EXTEND, true)).isEqualTo(new Decision(RECORD, status));
        }
        assertThat(RequestLifecycle.decide(DECLINED, Trigger.FULFILLED, true))
                .isEqualTo(new Decision(RECORD, DECLINED));
        assertThat(RequestLifecycle.decide(COMPLETED, Trigger.FULFILLED, true))
                .isEqualTo(new Decision(IGNORE, COMPLETED));
    }
}
