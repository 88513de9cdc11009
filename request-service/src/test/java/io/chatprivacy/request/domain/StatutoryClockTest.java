package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatutoryClockTest {

    private final StatutoryClock clock = new StatutoryClock();

    @Test
    void matchesTheDatesOfTheGoldenSample() {
        // request.opened.v1 sample: received on a Sunday
        StatutoryClock.Deadlines deadlines = clock.deadlines(Instant.parse("2026-11-29T10:20:00Z"));
        assertThat(deadlines.acknowledgeBy()).isEqualTo(Instant.parse("2026-12-11T10:20:00Z"));
        assertThat(deadlines.dueAt()).isEqualTo(Instant.parse("2027-01-13T10:20:00Z"));
    }

    @Test
    void tenBusinessDaysFromAMondayAreTwoCalendarWeeks() {
        assertThat(clock.acknowledgeBy(Instant.parse("2026-11-30T09:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-14T09:00:00Z"));
    }

    @Test
    void aFridayRequestSkipsTwoWeekends() {
        // Fri 4 Dec: Mon 7 .. Fri 11 (5), Mon 14 .. Fri 18 (10)
        assertThat(clock.acknowledgeBy(Instant.parse("2026-12-04T23:59:00Z")))
                .isEqualTo(Instant.parse("2026-12-18T23:59:00Z"));
    }

    @Test
    void aSaturdayRequestStartsCountingOnMonday() {
        assertThat(clock.acknowledgeBy(Instant.parse("2026-12-05T12:00:00Z")))
                .isEqualTo(Instant.parse("2026-12-18T12:00:00Z"));
    }

    @Test
    void theAcknowledgementDeadlineNeverFallsOnAWeekendAndTakesTwelveToSixteenDays() {
        Instant start = Instant.parse("2026-01-01T08:30:00Z");
        for (int day = 0; day < 400; day++) {
            Instant received = start.plus(Duration.ofDays(day));
            Instant by = clock.acknowledgeBy(received);
            DayOfWeek dow = by.atZone(ZoneOffset.UTC).getDayOfWeek();
            assertThat(dow).as("deadline of %s", received).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(Duration.between(received, by).toDays()).isBetween(12L, 16L);
        }
    }

    @Test
    void dueIsFortyFiveCalendarDaysAndOneExtensionAddsFortyFiveMore() {
        Instant received = Instant.parse("2027-02-10T15:00:00Z");
        Instant due = clock.dueAt(received);
        assertThat(due).isEqualTo(Instant.parse("2027-03-27T15:00:00Z"));
        assertThat(clock.extendedDueAt(due)).isEqualTo(Instant.parse("2027-05-11T15:00:00Z"));
    }

    @Test
    void countsBusinessDaysInItsZone() {
        // Friday 23:30 in Los Angeles is Saturday 07:30 UTC: the zone decides which day it is
        StatutoryClock pacific = new StatutoryClock(ZoneId.of("America/Los_Angeles"));
        Instant fridayEvening = Instant.parse("2026-12-05T07:30:00Z");
        assertThat(pacific.plusBusinessDays(fridayEvening, 1)).isEqualTo(Instant.parse("2026-12-08T07:30:00Z"));
        assertThat(clock.plusBusinessDays(fridayEvening, 1)).isEqualTo(Instant.parse("2026-12-07T07:30:00Z"));
    }

    @Test
    void refusesNegativeDays() {
        assertThatThrownBy(() -> clock.plusBusinessDays(Instant.EPOCH, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
