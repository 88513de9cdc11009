package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Property-based tests of the calendar arithmetic (jqwik), over instants from 1995 to 2105. */
class StatutoryClockPropertiesTest {

    private static final Instant FROM = Instant.parse("1995-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2105-01-01T00:00:00Z");

    private final StatutoryClock clock = new StatutoryClock();
    private final HolidayCalendar federal = HolidayCalendar.usFederal();

    @Provide
    Arbitrary<Instant> instants() {
        return Arbitraries.longs()
                .between(FROM.getEpochSecond(), TO.getEpochSecond())
                .map(Instant::ofEpochSecond);
    }

    @Provide
    Arbitrary<ZoneId> zones() {
        return Arbitraries.of(
                ZoneOffset.UTC,
                ZoneId.of("America/Los_Angeles"),
                ZoneId.of("America/New_York"),
                ZoneId.of("Pacific/Honolulu"));
    }

    @Property
    void nBusinessDaysLaterIsABusinessDayAtTheSameTimeOfDay(
            @ForAll("instants") Instant from,
            @ForAll @IntRange(min = 1, max = 60) int days,
            @ForAll("zones") ZoneId zone) {
        StatutoryClock zoned = new StatutoryClock(zone, federal);
        Instant to = zoned.plusBusinessDays(from, days);
        ZonedDateTime start = from.atZone(zone);
        ZonedDateTime end = to.atZone(zone);
        assertThat(zoned.isBusinessDay(end.toLocalDate())).isTrue();
        // the same time of day, except where a daylight-saving change falls on the day (an hour either way)
        Duration drift =
                Duration.between(start.toLocalTime(), end.toLocalTime()).abs();
        assertThat(drift.isZero() || drift.equals(Duration.ofHours(1)) || drift.equals(Duration.ofHours(23)))
                .as("%s -> %s", start, end)
                .isTrue();
        if (zone.equals(ZoneOffset.UTC)) {
            assertThat(drift).isZero();
        }
        assertThat(to).isAfter(from);
    }

    @Property
    void exactlyNBusinessDaysLieBetweenTheStartAndTheResult(
            @ForAll("instants") Instant from, @ForAll @IntRange(min = 0, max = 60) int days) {
        LocalDate start = clock.date(from);
        LocalDate end = clock.date(clock.plusBusinessDays(from, days));
        long counted = start.plusDays(1)
                .datesUntil(end.plusDays(1))
                .filter(clock::isBusinessDay)
                .count();
        assertThat(counted).isEqualTo(days);
    }

    @Property
    void businessDaysAdd(
            @ForAll("instants") Instant from,
            @ForAll @IntRange(min = 0, max = 30) int a,
            @ForAll @IntRange(min = 0, max = 30) int b) {
        assertThat(clock.plusBusinessDays(clock.plusBusinessDays(from, a), b))
                .isEqualTo(clock.plusBusinessDays(from, a + b));
    }

    @Property
    void holidaysOnlyEverPushDeadlinesLater(
            @ForAll("instants") Instant from, @ForAll @IntRange(min = 0, max = 60) int days) {
        StatutoryClock weekendsOnly = new StatutoryClock(ZoneOffset.UTC, HolidayCalendar.none());
        Instant withHolidays = clock.plusBusinessDays(from, days);
        Instant without = weekendsOnly.plusBusinessDays(from, days);
        assertThat(withHolidays).isAfterOrEqualTo(without);
        // at most the eleven holidays of a year, plus one of the next, fall within 60 business days
        assertThat(Duration.between(without, withHolidays).toDays()).isLessThanOrEqualTo(12 + 4);
    }

    @Property
    void acknowledgementTakesTwelveToTwentyOneCalendarDays(@ForAll("instants") Instant received) {
        long days = Duration.between(received, clock.acknowledgeBy(received)).toDays();
        // 10 business days: two weekends at least; at worst three weekends and a few holidays
        assertThat(days).isBetween(12L, 21L);
    }

    @Property
    void dueIsFortyFiveCalendarDaysAndTheExtensionFortyFiveMore(
            @ForAll("instants") Instant received, @ForAll("zones") ZoneId zone) {
        StatutoryClock zoned = new StatutoryClock(zone, federal);
        for (RequestType type : new RequestType[] {RequestType.ACCESS, RequestType.DELETE, RequestType.CORRECT}) {
            Instant due = zoned.dueAt(type, received);
            assertThat(zoned.daysLeft(due, received)).isEqualTo(45);
            assertThat(zoned.daysLeft(zoned.extendedDueAt(due), received)).isEqualTo(90);
        }
    }

    @Property
    void optOutsAreDueInFifteenBusinessDaysWellBeforeFortyFiveCalendarDays(@ForAll("instants") Instant received) {
        Instant due = clock.dueAt(RequestType.OPT_OUT, received);
        assertThat(due).isEqualTo(clock.plusBusinessDays(received, 15));
        assertThat(due).isEqualTo(clock.dueAt(RequestType.LIMIT, received));
        assertThat(due).isBefore(clock.dueAt(RequestType.ACCESS, received));
    }

    @Property
    void everyYearHasItsFederalHolidaysOnWeekdaysWithinADayOfTheDate(
            @ForAll @IntRange(min = 1990, max = 2200) int year) {
        var observed = federal.observed(year);
        assertThat(observed).hasSize(year >= 2021 ? 11 : 10);
        assertThat(observed)
                .allSatisfy(day -> assertThat(day.getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY));
        // only New Year's Day can move into the year before
        assertThat(observed)
                .allSatisfy(day -> assertThat(day.getYear() == year || day.equals(LocalDate.of(year - 1, 12, 31)))
                        .isTrue());
        assertThat(federal.isHoliday(HolidayCalendar.observe(LocalDate.of(year, 12, 25))))
                .isTrue();
        assertThat(federal.isHoliday(HolidayCalendar.observe(LocalDate.of(year, 7, 4))))
                .isTrue();
    }

    @Property
    void anExtensionIsGrantedOnlyOnceWithAReasonBeforeTheDueDate(
            @ForAll("instants") Instant received,
            @ForAll @IntRange(min = -10, max = 60) int dayOfAsking,
            @ForAll boolean alreadyExtended,
            @ForAll boolean withReason) {
        Instant due = clock.dueAt(RequestType.ACCESS, received);
        Instant now = received.plus(Duration.ofDays(dayOfAsking));
        var refusal = StatutoryClock.checkExtension(
                RequestType.ACCESS,
                due,
                alreadyExtended ? clock.extendedDueAt(due) : null,
                withReason ? "Many records in archives" : " ",
                now);
        boolean allowed = !alreadyExtended && withReason && now.isBefore(due);
        assertThat(refusal == null).isEqualTo(allowed);
    }
}
