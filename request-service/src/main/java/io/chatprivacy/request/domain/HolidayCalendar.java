package io.chatprivacy.request.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The days that are not business days although they fall on a weekday: the US federal holidays
 * (computed for any year with the observed-date rules, not listed by hand), plus extra dates a
 * business configures (e.g. Christmas Eve).
 *
 * <p>Observed dates (5 U.S.C. 6103): a holiday on a Saturday is observed the Friday before, one on a
 * Sunday the Monday after. So New Year's Day of year Y+1 on a Saturday makes 31 December of Y a
 * holiday, which is why a date is checked against the holidays of its own and the following year.
 */
public final class HolidayCalendar {

    /** Which computed calendar to use. */
    public enum Kind {
        /** No public holidays: only weekends are skipped. */
        NONE,
        /** The eleven US federal holidays (Juneteenth from 2021), on their observed dates. */
        US_FEDERAL
    }

    private static final int JUNETEENTH_FROM = 2021;

    private final Kind kind;
    private final Set<LocalDate> extra;
    private final Map<Integer, Set<LocalDate>> observedByYear = new ConcurrentHashMap<>();

    private HolidayCalendar(Kind kind, Collection<LocalDate> extra) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.extra = Set.copyOf(extra);
    }

    /** A calendar of the given kind plus extra dates. */
    public static HolidayCalendar of(Kind kind, Collection<LocalDate> extra) {
        return new HolidayCalendar(kind, extra);
    }

    /** The US federal holidays, nothing else. */
    public static HolidayCalendar usFederal() {
        return new HolidayCalendar(Kind.US_FEDERAL, Set.of());
    }

    /** No holidays at all (weekends are still not business days). */
    public static HolidayCalendar none() {
        return new HolidayCalendar(Kind.NONE, Set.of());
    }

    /** Whether the date is a holiday (observed) or one of the extra dates. */
    public boolean isHoliday(LocalDate date) {
        if (extra.contains(date)) {
            return true;
        }
        if (kind == Kind.NONE) {
            return false;
        }
        return observed(date.getYear()).contains(date)
                || observed(date.getYear() + 1).contains(date);
    }

    /**
     * The observed dates of the computed holidays of {@code year}; may include 31 December of the
     * year before (New Year's Day on a Saturday). Extra dates are not included.
     */
    public Set<LocalDate> observed(int year) {
        if (kind == Kind.NONE) {
            return Set.of();
        }
        return observedByYear.computeIfAbsent(year, HolidayCalendar::usFederalObserved);
    }

    private static Set<LocalDate> usFederalObserved(int year) {
        Set<LocalDate> days = new TreeSet<>();
        days.add(observe(LocalDate.of(year, Month.JANUARY, 1)));
        days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3)); // Birthday of Martin Luther King, Jr.
        days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3)); // Washington's Birthday
        days.add(LocalDate.of(year, Month.MAY, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        if (year >= JUNETEENTH_FROM) {
            days.add(observe(LocalDate.of(year, Month.JUNE, 19)));
        }
        days.add(observe(LocalDate.of(year, Month.JULY, 4)));
        days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)); // Labor Day
        days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2)); // Columbus Day
        days.add(observe(LocalDate.of(year, Month.NOVEMBER, 11))); // Veterans Day
        days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)); // Thanksgiving Day
        days.add(observe(LocalDate.of(year, Month.DECEMBER, 25)));
        return Set.copyOf(days);
    }

    /** Saturday → the Friday before, Sunday → the Monday after. */
    static LocalDate observe(LocalDate date) {
        return switch (date.getDayOfWeek()) {
            case SATURDAY -> date.minusDays(1);
            case SUNDAY -> date.plusDays(1);
            default -> date;
        };
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    public Kind kind() {
        return kind;
    }

    public Set<LocalDate> extra() {
        return extra;
    }
}
