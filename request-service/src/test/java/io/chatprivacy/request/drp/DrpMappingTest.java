package io.chatprivacy.request.drp;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.request.domain.ConsumerIntake;
import io.chatprivacy.request.domain.DeclineReason;
import io.chatprivacy.request.domain.RequestStatus;
import io.chatprivacy.request.domain.RequestType;
import io.chatprivacy.request.drp.DrpMapping.Reason;
import io.chatprivacy.request.drp.DrpMapping.Seen;
import io.chatprivacy.request.drp.DrpMapping.Status;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The DRP vocabulary against ours: actions, regimes, statuses and denial reasons, each one table. */
class DrpMappingTest {

    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");

    @Test
    void theActionsWeTakeAndThoseDenied() {
        assertThat(DrpMapping.action("sale:opt_out")).contains(RequestType.OPT_OUT);
        assertThat(DrpMapping.action("deletion")).contains(RequestType.DELETE);
        assertThat(DrpMapping.action("access")).contains(RequestType.ACCESS);
        assertThat(DrpMapping.action("access:specific")).contains(RequestType.ACCESS);
        assertThat(DrpMapping.action("access:categories")).isEmpty();
        assertThat(DrpMapping.action("sale:opt_in")).isEmpty();
        assertThat(DrpMapping.action("sale:opt-out")).isEmpty();
        assertThat(DrpMapping.action(null)).isEmpty();
    }

    @Test
    void theCcpaOrNoRegimeIsTakenAnotherIsOutsideTheJurisdiction() {
        assertThat(DrpMapping.regimeDenial("ccpa")).isEmpty();
        assertThat(DrpMapping.regimeDenial(null)).isEmpty();
        assertThat(DrpMapping.regimeDenial("")).isEmpty();
        assertThat(DrpMapping.regimeDenial("gdpr")).contains(Reason.outside_jurisdiction);
    }

    @Test
    void everyDeclineReasonHasADenialReason() {
        for (DeclineReason reason : DeclineReason.values()) {
            assertThat(DrpMapping.DECLINES).containsKey(reason);
        }
        assertThat(DrpMapping.opened(RequestStatus.DECLINED, DeclineReason.CANNOT_VERIFY))
                .isEqualTo(new Seen(Status.denied, Reason.insuf_verification));
        assertThat(DrpMapping.opened(RequestStatus.DECLINED, DeclineReason.LEGAL_HOLD))
                .isEqualTo(new Seen(Status.denied, Reason.claim_not_covered));
        assertThat(DrpMapping.opened(RequestStatus.DECLINED, DeclineReason.BUSINESS_NECESSITY))
                .isEqualTo(new Seen(Status.denied, Reason.claim_not_covered));
        assertThat(DrpMapping.opened(RequestStatus.DECLINED, DeclineReason.SERVICE_PROVIDER_NEED))
                .isEqualTo(new Seen(Status.denied, Reason.claim_not_covered));
    }

    @Test
    void anOpenedRequestIsInProgressUntilFulfilledOrDenied() {
        for (RequestStatus open :
                new RequestStatus[] {RequestStatus.OPEN, RequestStatus.AWAITING_VERIFICATION, RequestStatus.EXPIRED}) {
            Seen seen = DrpMapping.opened(open, null);
            assertThat(seen).isEqualTo(new Seen(Status.in_progress, Reason.none));
            assertThat(seen.isFinal()).isFalse();
        }
        Seen fulfilled = DrpMapping.opened(RequestStatus.COMPLETED, null);
        assertThat(fulfilled).isEqualTo(new Seen(Status.fulfilled, Reason.none));
        assertThat(fulfilled.isFinal()).isTrue();
    }

    @Test
    void aWaitingIntakeNeedsTheConsumerUntilItLocksOrItsLastCodeExpires() {
        Seen needs = new Seen(Status.in_progress, Reason.need_user_verification);
        Seen denied = new Seen(Status.denied, Reason.insuf_verification);
        ConsumerIntake.Status waiting = ConsumerIntake.Status.AWAITING_VERIFICATION;
        assertThat(DrpMapping.waiting(waiting, NOW.plus(Duration.ofMinutes(30)), true, NOW))
                .isEqualTo(needs);
        assertThat(DrpMapping.waiting(waiting, NOW.plus(Duration.ofMinutes(30)), false, NOW))
                .isEqualTo(needs);
        assertThat(DrpMapping.waiting(waiting, NOW, true, NOW)).isEqualTo(needs);
        assertThat(DrpMapping.waiting(waiting, NOW, false, NOW)).isEqualTo(denied);
        assertThat(DrpMapping.waiting(ConsumerIntake.Status.LOCKED, NOW.plusSeconds(60), true, NOW))
                .isEqualTo(denied);
        assertThat(denied.isFinal()).isTrue();
        Seen revoked = DrpMapping.waiting(ConsumerIntake.Status.WITHDRAWN, null, true, NOW);
        assertThat(revoked).isEqualTo(new Seen(Status.revoked, Reason.none));
        assertThat(revoked.isFinal()).isTrue();
    }

    @Test
    void callbacksBackOffFromThirtySecondsToAnHour() {
        assertThat(DrpCallbacks.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DrpCallbacks.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(DrpCallbacks.backoff(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DrpCallbacks.backoff(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(DrpCallbacks.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(DrpCallbacks.backoff(40)).isEqualTo(Duration.ofHours(1));
    }
}
