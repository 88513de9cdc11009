package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatutoryClockTest {

    private final StatutoryClock clock = new StatutoryClock();
    private final StatutoryClock weekendsOnly = new StatutoryClock(ZoneOffset.UTC, HolidayCalendar.none());

    @Test
    void matchesTheDatesOfTheGoldenSample() {
        // request.opened.v1 sample: received on a Sunday
        StatutoryClock.Deadlines deadlines = clock.deadlines(RequestType.DELETE, Instant.parse("2026-11-29T10:20:00Z"));
        assertThat(deadlines.acknowledgeBy()).isEqualTo(Instant.parse("2026-12-11T10:20:00Z"));
        assertThat(deadlines.dueAt()).isEqualTo(Instant.parse("2027-01-13T10:20:00Z"));
    }

    @Test
    void businessDaysLeftCountTheWorkingDaysUpToTheDueDay() {
        Instant due = Instant.parse("2026-12-18T09:00:00Z"); // a Friday
        // Fri 11 Dec: Mon 14 .. Fri 18
        assertThat(weekendsOnly.businessDaysLeft(due, Instant.parse("2026-12-11T17:00:00Z")))
                .isEqualTo(5);
        // Sat 12 Dec: the same five, the weekend counts nothing
        assertThat(weekendsOnly.businessDaysLeft(due, Instant.parse("2026-12-12T08:00:00Z")))
                .isEqualTo(5);
        assertThat(weekendsOnly.businessDaysLeft(due, Instant.parse("2026-12-18T23:00:00Z")))
                .isZero();
        // Tue 22 Dec: Mon 21 and Tue 22 have passed since the due day
        assertThat(weekendsOnly.businessDaysLeft(due, Instant.parse("2026-12-22T08:00:00Z")))
                .isEqualTo(-2);
    }

    @Test
    void businessDaysLeftSkipHolidays() {
        // Christmas Day 2026 (a Friday) is a federal holiday: Mon 21 .. Thu 24, then Mon 28
        Instant due = Instant.parse("2026-12-28T09:00:00Z");
        assertThat(clock.businessDaysLeft(due, Instant.parse("2026-12-18T09:00:00Z")))
                .isEqualTo(5);
        assertThat(weekendsOnly.businessDaysLeft(due, Instant.parse("2026-12-18T09:00:00Z")))
                .isEqualTo(6);
    }

    @Test
    void onlyOptOutsAndLimitsCountBusinessDays() {
        assertThat(List.of(RequestType.values()))
                .filteredOn(StatutoryClock::countsBusinessDays)
                .containsExactlyInAnyOrder(RequestType.OPT_OUT, RequestType.LIMIT);
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
    void withoutHolidaysTheAcknowledgementDeadlineNeverFallsOnAWeekendAndTakesTwelveToSixteenDays() {
        Instant start = Instant.parse("2026-01-01T08:30:00Z");
        for (int day = 0; day < 400; day++) {
            Instant received = start.plus(Duration.ofDays(day));
            Instant by = weekendsOnly.acknowledgeBy(received);
            DayOfWeek dow = by.atZone(ZoneOffset.UTC).getDayOfWeek();
            assertThat(dow).as("deadline of %s", received).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            assertThat(Duration.between(received, by).toDays()).isBetween(12L, 16L);
        }
    }

    @Test
    void dueIsFortyFiveCalendarDaysAndOneExtensionAddsFortyFiveMore() {
        Instant received = Instant.parse("2027-02-10T15:00:00Z");
        Instant due = clock.dueAt(RequestType.ACCESS, received);
        assertThat(due).isEqualTo(Instant.parse("2027-03-27T15:00:00Z"));
        assertThat(clock.extendedDueAt(due)).isEqualTo(Instant.parse("2027-05-11T15:00:00Z"));
    }

    @Test
    void countsBusinessDaysInItsZone() {
        // Friday 23:30 in Los Angeles is Saturday 07:30 UTC: the zone decides which day it is
        StatutoryClock pacific = new StatutoryClock(ZoneId.of("America/Los_Angeles"), HolidayCalendar.usFederal());
        Instant fridayEvening = Instant.parse("2026-12-05T07:30:00Z");
        assertThat(pacific.plusBusinessDays(fridayEvening, 1)).isEqualTo(Instant.parse("2026-12-08T07:30:00Z"));
        assertThat(clock.plusBusinessDays(fridayEvening, 1)).isEqualTo(Instant.parse("2026-12-07T07:30:00Z"));
    }

    @Test
    void refusesNegativeDays() {
        assertThatThrownBy(() -> clock.plusBusinessDays(Instant.EPOCH, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void skipsThanksgivingAndTheDayItIsObserved() {
        // Wed 25 Nov 2026: Thanksgiving (Thu 26) is skipped, so 1 business day later is Fri 27
        assertThat(clock.plusBusinessDays(Instant.parse("2026-11-25T12:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-11-27T12:00:00Z"));
        assertThat(weekendsOnly.plusBusinessDays(Instant.parse("2026-11-25T12:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-11-26T12:00:00Z"));
    }

    @Test
    void acrossTheYearEndChristmasAndNewYearAreSkipped() {
        // Mon 21 Dec 2026; Fri 25 Dec and Fri 1 Jan 2027 are holidays:
        // 22,23,24 (3), 28,29,30,31 (7), 4,5,6 (10)
        assertThat(clock.acknowledgeBy(Instant.parse("2026-12-21T09:00:00Z")))
                .isEqualTo(Instant.parse("2027-01-06T09:00:00Z"));
    }

    @Test
    void aSaturdayNewYearIsObservedOnTheFridayBeforeInTheOldYear() {
        // 1 Jan 2022 was a Saturday: Fri 31 Dec 2021 was the federal holiday
        assertThat(clock.isBusinessDay(LocalDate.of(2021, 12, 31))).isFalse();
        assertThat(HolidayCalendar.usFederal().observed(2022)).contains(LocalDate.of(2021, 12, 31));
        // Thu 30 Dec 2021 + 1 business day = Mon 3 Jan 2022
        assertThat(clock.plusBusinessDays(Instant.parse("2021-12-30T10:00:00Z"), 1))
                .isEqualTo(Instant.parse("2022-01-03T10:00:00Z"));
    }

    @Test
    void aSundayHolidayIsObservedOnTheMonday() {
        // 4 Jul 2027 is a Sunday: Mon 5 Jul is the holiday; 19 Jun 2022 (Sunday): Mon 20 Jun
        assertThat(clock.isBusinessDay(LocalDate.of(2027, 7, 5))).isFalse();
        assertThat(clock.isBusinessDay(LocalDate.of(2022, 6, 20))).isFalse();
        assertThat(clock.isBusinessDay(LocalDate.of(2027, 7, 6))).isTrue();
    }

    @Test
    void theComputedFederalHolidaysOf2026AreTheOfficialOnes() {
        // OPM's list for 2026 (Independence Day on a Saturday, observed Friday 3 July)
        assertThat(HolidayCalendar.usFederal().observed(2026))
                .containsExactlyInAnyOrder(
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2026, 1, 19),
                        LocalDate.of(2026, 2, 16),
                        LocalDate.of(2026, 5, 25),
                        LocalDate.of(2026, 6, 19),
                        LocalDate.of(2026, 7, 3),
                        LocalDate.of(2026, 9, 7),
                        LocalDate.of(2026, 10, 12),
                        LocalDate.of(2026, 11, 11),
                        LocalDate.of(2026, 11, 26),
                        LocalDate.of(2026, 12, 25));
        // Juneteenth is a federal holiday from 2021 on
        assertThat(HolidayCalendar.usFederal().observed(2020)).hasSize(10);
    }

    @Test
    void extraHolidaysAreSkippedToo() {
        StatutoryClock withEve = new StatutoryClock(
                ZoneOffset.UTC,
                HolidayCalendar.of(HolidayCalendar.Kind.US_FEDERAL, List.of(LocalDate.of(2026, 12, 24))));
        // Wed 23 Dec 2026: Thu 24 (extra) and Fri 25 (Christmas) are skipped
        assertThat(withEve.plusBusinessDays(Instant.parse("2026-12-23T10:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-12-28T10:00:00Z"));
        assertThat(clock.plusBusinessDays(Instant.parse("2026-12-23T10:00:00Z"), 1))
                .isEqualTo(Instant.parse("2026-12-24T10:00:00Z"));
    }

    @Test
    void optOutAndLimitAreDueInFifteenBusinessDays() {
        // Mon 2 Nov 2026: 3..6 (4), 9,10,12,13 (8; Wed 11 Veterans Day), 16..20 (13), 23,24 (15)
        Instant received = Instant.parse("2026-11-02T10:00:00Z");
        assertThat(clock.dueAt(RequestType.OPT_OUT, received)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(clock.dueAt(RequestType.LIMIT, received)).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(clock.dueAt(RequestType.CORRECT, received)).isEqualTo(Instant.parse("2026-12-17T10:00:00Z"));
    }

    @Test
    void theExtensionRules() {
        Instant due = Instant.parse("2027-01-13T10:20:00Z");
        Instant before = due.minusSeconds(1);
        assertThat(StatutoryClock.checkExtension(RequestType.ACCESS, due, null, "Large volume of records", before))
                .isNull();
        assertThat(StatutoryClock.checkExtension(RequestType.ACCESS, due, null, "  ", before))
                .isEqualTo(StatutoryClock.ExtensionRefusal.NO_REASON);
        assertThat(StatutoryClock.checkExtension(RequestType.ACCESS, due, null, null, before))
                .isEqualTo(StatutoryClock.ExtensionRefusal.NO_REASON);
        assertThat(StatutoryClock.checkExtension(RequestType.ACCESS, due, null, "late", due))
                .isEqualTo(StatutoryClock.ExtensionRefusal.PAST_DUE);
        assertThat(StatutoryClock.checkExtension(RequestType.ACCESS, due, clock.extendedDueAt(due), "again", before))
                .isEqualTo(StatutoryClock.ExtensionRefusal.ALREADY_EXTENDED);
        assertThat(StatutoryClock.checkExtension(RequestType.OPT_OUT, due, null, "busy", before))
                .isEqualTo(StatutoryClock.ExtensionRefusal.NOT_EXTENDABLE);
    }

    @Test
    void daysLeftCountsDatesAndGoesNegativeWhenOverdue() {
        Instant due = Instant.parse("2027-01-13T10:20:00Z");
        assertThat(clock.daysLeft(due, Instant.parse("2027-01-06T23:00:00Z"))).isEqualTo(7);
        assertThat(clock.daysLeft(due, Instant.parse("2027-01-13T11:00:00Z"))).isZero();
        assertThat(clock.daysLeft(due, Instant.parse("2027-01-15T00:00:00Z"))).isEqualTo(-2);
    }
}
