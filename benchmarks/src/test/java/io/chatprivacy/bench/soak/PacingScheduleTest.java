package io.chatprivacy.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PacingScheduleTest {

    @Test
    void requestsAreSpacedByOneOverTheRateFromTheStart() {
        PacingSchedule schedule = new PacingSchedule(5_000, 1000);
        assertThat(schedule.sendAt(0)).isEqualTo(5_000);
        assertThat(schedule.sendAt(1)).isEqualTo(5_000 + 1_000_000);
        assertThat(schedule.sendAt(1000)).isEqualTo(5_000 + 1_000_000_000L);
        // an hour at 1,000/s: the 3,600,000th request exactly an hour after the start, no drift
        assertThat(schedule.sendAt(3_600_000)).isEqualTo(5_000 + 3_600_000_000_000L);
    }

    @Test
    void aRateThatDoesNotDivideASecondKeepsItsAverageWithoutDrift() {
        PacingSchedule schedule = new PacingSchedule(0, 3);
        assertThat(schedule.sendAt(1)).isEqualTo(333_333_333);
        assertThat(schedule.sendAt(2)).isEqualTo(666_666_666);
        assertThat(schedule.sendAt(3)).isEqualTo(1_000_000_000);
        assertThat(schedule.sendAt(3 * 3600)).isEqualTo(3_600_000_000_000L);
    }

    @Test
    void dueByCountsTheRequestsScheduledAtOrBeforeAnInstant() {
        PacingSchedule schedule = new PacingSchedule(1_000, 1000);
        assertThat(schedule.dueBy(0)).isZero();
        assertThat(schedule.dueBy(999)).isZero();
        assertThat(schedule.dueBy(1_000)).isEqualTo(1); // request 0 is due at the start itself
        assertThat(schedule.dueBy(1_000 + 999_999)).isEqualTo(1);
        assertThat(schedule.dueBy(1_000 + 1_000_000)).isEqualTo(2);
        assertThat(schedule.dueBy(1_000 + 60_000_000_000L)).isEqualTo(60_001);
    }

    @Test
    void dueByAgreesWithSendAtAtEveryBoundary() {
        for (double rate : new double[] {1, 3, 7, 999, 1000, 1234.5, 5000}) {
            PacingSchedule schedule = new PacingSchedule(42, rate);
            for (long n = 0; n < 20_000; n += 1 + n / 7) {
                long at = schedule.sendAt(n);
                assertThat(schedule.dueBy(at)).as("rate %s, n %d", rate, n).isEqualTo(n + 1);
                assertThat(schedule.dueBy(at - 1))
                        .as("rate %s, n %d, just before", rate, n)
                        .isLessThanOrEqualTo(n);
            }
        }
    }

    @Test
    void beforeIsWhatAScheduleEndingThereSends() {
        PacingSchedule schedule = new PacingSchedule(0, 1000);
        // a minute: requests 0 … 59,999 (the 60,000th would be due at the end itself, which is not before it)
        assertThat(schedule.before(60_000_000_000L)).isEqualTo(60_000);
        assertThat(schedule.before(0)).isZero();
        assertThat(schedule.before(1)).isEqualTo(1);
    }

    @Test
    void behindIsWhatWasDueButNotSent() {
        PacingSchedule schedule = new PacingSchedule(0, 1000);
        assertThat(schedule.behind(10_000_000_000L, 10_001)).isZero();
        assertThat(schedule.behind(10_000_000_000L, 9_001)).isEqualTo(1_000); // one second behind
        assertThat(schedule.behind(10_000_000_000L, 20_000)).isZero(); // never negative
    }

    @Test
    void aRateMustBePositive() {
        assertThatThrownBy(() -> new PacingSchedule(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PacingSchedule(0, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
