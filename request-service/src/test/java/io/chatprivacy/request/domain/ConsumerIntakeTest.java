package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chatprivacy.request.domain.ConsumerIntake.CodeRefusal;
import io.chatprivacy.request.domain.ConsumerIntake.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConsumerIntakeTest {

    private static final Instant T0 = Instant.parse("2026-12-03T10:00:00Z");
    private static final byte[] CODE = {1, 2, 3};
    private static final byte[] OTHER = {9, 9, 9};

    private static ConsumerIntake access() {
        ConsumerIntake intake = ConsumerIntake.receive(
                UUID.randomUUID(), UUID.randomUUID(), RequestType.ACCESS, "a@example.com", null, null, null, T0);
        assertThat(intake.issueCode(CODE, T0.plus(Duration.ofHours(1)), 3, T0)).isNull();
        return intake;
    }

    @Test
    void anIntakeSentACodeOpensOnlyOnceVerifiedAndOneSentNoneOpensAtOnce() {
        ConsumerIntake waiting = access();
        assertThatThrownBy(() -> waiting.opened(UUID.randomUUID(), T0)).isInstanceOf(IllegalStateException.class);
        assertThat(waiting.status()).isEqualTo(ConsumerIntake.Status.AWAITING_VERIFICATION);

        ConsumerIntake optOut = ConsumerIntake.receive(
                UUID.randomUUID(), UUID.randomUUID(), RequestType.OPT_OUT, "a@example.com", null, null, null, T0);
        optOut.opened(UUID.randomUUID(), T0);
        assertThat(optOut.status()).isEqualTo(ConsumerIntake.Status.OPENED);
    }

    @Test
    void aWithdrawnIntakeTakesNoCodeAndAVerifiedOneCannotBeWithdrawn() {
        ConsumerIntake withdrawn = access();
        assertThat(withdrawn.withdraw(T0)).isTrue();
        assertThat(withdrawn.status()).isEqualTo(ConsumerIntake.Status.WITHDRAWN);
        assertThat(withdrawn.present(CODE, T0, 5)).isEqualTo(Outcome.WITHDRAWN);
        assertThat(withdrawn.issueCode(CODE, T0.plusSeconds(3600), 3, T0)).isEqualTo(CodeRefusal.WITHDRAWN);
        assertThat(withdrawn.withdraw(T0)).isFalse();
        assertThatThrownBy(() -> withdrawn.opened(UUID.randomUUID(), T0)).isInstanceOf(IllegalStateException.class);

        ConsumerIntake verified = access();
        assertThat(verified.present(CODE, T0, 5)).isEqualTo(Outcome.VERIFIED);
        assertThat(verified.withdraw(T0)).isFalse();
    }

    @Test
    void theRightCodeVerifiesOnceAndTheRequestKeepsTheReceiptTime() {
        ConsumerIntake intake = access();
        Instant later = T0.plus(Duration.ofMinutes(30));
        assertThat(intake.present(CODE, later, 5)).isEqualTo(Outcome.VERIFIED);
        assertThat(intake.verifiedAt()).isEqualTo(later);
        UUID requestId = UUID.randomUUID();
        intake.opened(requestId, later);
        assertThat(intake.status()).isEqualTo(ConsumerIntake.Status.OPENED);
        assertThat(intake.receivedAt()).isEqualTo(T0);
        assertThat(intake.present(CODE, later, 5)).isEqualTo(Outcome.ALREADY_OPENED);
        assertThat(intake.issueCode(CODE, later.plusSeconds(3600), 3, later)).isEqualTo(CodeRefusal.ALREADY_OPENED);
    }

    @Test
    void theFifthWrongCodeLocksForGoodEvenForTheRightOneOrANewCode() {
        ConsumerIntake intake = access();
        for (int i = 1; i <= 4; i++) {
            assertThat(intake.present(OTHER, T0, 5)).isEqualTo(Outcome.WRONG_CODE);
            assertThat(intake.attemptsLeft(5)).isEqualTo(5 - i);
        }
        assertThat(intake.present(OTHER, T0, 5)).isEqualTo(Outcome.LOCKED);
        assertThat(intake.present(CODE, T0, 5)).isEqualTo(Outcome.LOCKED);
        assertThat(intake.issueCode(CODE, T0.plusSeconds(3600), 3, T0)).isEqualTo(CodeRefusal.LOCKED);
    }

    @Test
    void anExpiredCodeCountsNoAttemptAndANewOneReplacesItUpToTheLimit() {
        ConsumerIntake intake = access();
        Instant expiry = T0.plus(Duration.ofHours(1));
        assertThat(intake.present(CODE, expiry, 5)).isEqualTo(Outcome.EXPIRED);
        assertThat(intake.attemptsLeft(5)).isEqualTo(5);
        assertThat(intake.issueCode(OTHER, expiry.plusSeconds(3600), 3, expiry)).isNull();
        assertThat(intake.present(CODE, expiry, 5)).isEqualTo(Outcome.WRONG_CODE);
        assertThat(intake.issueCode(CODE, expiry.plusSeconds(3600), 3, expiry)).isNull();
        assertThat(intake.codesIssued()).isEqualTo(3);
        assertThat(intake.issueCode(CODE, expiry.plusSeconds(3600), 3, expiry)).isEqualTo(CodeRefusal.TOO_MANY_CODES);
        assertThat(intake.present(CODE, expiry, 5)).isEqualTo(Outcome.VERIFIED);
    }

    @Test
    void aRequestNeedingACodeCannotOpenUnverified() {
        ConsumerIntake intake = access();
        assertThatThrownBy(() -> intake.opened(UUID.randomUUID(), T0)).isInstanceOf(IllegalStateException.class);
        ConsumerIntake optOut = ConsumerIntake.receive(
                UUID.randomUUID(), UUID.randomUUID(), RequestType.OPT_OUT, null, "v-1", null, null, T0);
        optOut.opened(UUID.randomUUID(), T0);
        assertThat(optOut.status()).isEqualTo(ConsumerIntake.Status.OPENED);
    }
}
