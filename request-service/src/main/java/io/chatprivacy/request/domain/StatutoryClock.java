package io.chatprivacy.request.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The statutory dates of a rights request, as a pure function of the time it was received and the numbers of
 * its jurisdiction ({@link ClockRules}, from the jurisdiction's pack). The methods without rules count with
 * California's ({@link ClockRules#CCPA}) under the CCPA/CPRA regulations:
 *
 * <ul>
 *   <li>receipt is confirmed within 10 business days;
 *   <li>the answer is due 45 calendar days after receipt (not after verification);
 *   <li>one extension of 45 more calendar days is allowed, with a reason, before the original due
 *       date (not for opt-out and limit requests);
 *   <li>opt-out and limit requests are due within 15 business days.
 * </ul>
 *
 * <p>Business days are Monday to Friday in the clock's zone that are not holidays of its {@link
 * HolidayCalendar}; a date plus n business days keeps the time of day the request arrived.
 */
public final class StatutoryClock {

    /** Business days allowed to confirm receipt. */
    public static final int ACKNOWLEDGE_BUSINESS_DAYS = 10;
    /** Calendar days allowed to answer. */
    public static final int RESPONSE_DAYS = 45;
    /** Calendar days one extension adds. */
    public static final int EXTENSION_DAYS = 45;
    /** Business days allowed to act on an opt-out of sale/sharing or a limit of sensitive data use. */
    public static final int OPT_OUT_BUSINESS_DAYS = 15;

    private final ZoneId zone;
    private final HolidayCalendar holidays;

    /** A clock counting business days in UTC, skipping weekends and US federal holidays. */
    public StatutoryClock() {
        this(ZoneOffset.UTC, HolidayCalendar.usFederal());
    }

    public StatutoryClock(ZoneId zone, HolidayCalendar holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
    }

    /** The deadlines of a request of {@code type} received at {@code receivedAt}, by California's numbers. */
    public Deadlines deadlines(RequestType type, Instant receivedAt) {
        return deadlines(ClockRules.CCPA, type, receivedAt);
    }

    /** The deadlines of a request of {@code type} received at {@code receivedAt} under a jurisdiction's rules. */
    public Deadlines deadlines(ClockRules rules, RequestType type, Instant receivedAt) {
        return new Deadlines(plus(receivedAt, rules.acknowledge()), plus(receivedAt, rules.responseFor(type)));
    }

    /** {@code from} plus a period: business days keep the time of day, calendar days count in the clock's zone. */
    public Instant plus(Instant from, ClockRules.Period period) {
        return period.count() == ClockRules.DayCount.BUSINESS
                ? plusBusinessDays(from, period.days())
                : from.atZone(zone).plusDays(period.days()).toInstant();
    }

    /** {@code receivedAt} plus 10 business days. */
    public Instant acknowledgeBy(Instant receivedAt) {
        return plusBusinessDays(receivedAt, ACKNOWLEDGE_BUSINESS_DAYS);
    }

    /** 15 business days for an opt-out or limit request, 45 calendar days for every other. */
    public Instant dueAt(RequestType type, Instant receivedAt) {
        return plus(receivedAt, ClockRules.CCPA.responseFor(type));
    }

    /** The due date after the one permitted extension of 45 calendar days. */
    public Instant extendedDueAt(Instant dueAt) {
        return extendedDueAt(ClockRules.CCPA, dueAt);
    }

    /** The due date after the one permitted extension under a jurisdiction's rules. */
    public Instant extendedDueAt(ClockRules rules, Instant dueAt) {
        return plus(dueAt, rules.extension());
    }

    /** Opt-out and limit requests are acted on without verifying the consumer, and cannot be extended. */
    public static boolean needsNoVerification(RequestType type) {
        return type == RequestType.OPT_OUT || type == RequestType.LIMIT;
    }

    /**
     * Whether the one extension may be granted now.
     *
     * @return null when it may, otherwise why not
     */
    public static ExtensionRefusal checkExtension(
            RequestType type, Instant dueAt, Instant extendedDueAt, String reason, Instant now) {
        return checkExtension(ClockRules.CCPA, type, dueAt, extendedDueAt, reason, now);
    }

    /**
     * Whether the one extension may be granted now under a jurisdiction's rules.
     *
     * @return null when it may, otherwise why not
     */
    public static ExtensionRefusal checkExtension(
            ClockRules rules, RequestType type, Instant dueAt, Instant extendedDueAt, String reason, Instant now) {
        if (extendedDueAt != null) {
            return ExtensionRefusal.ALREADY_EXTENDED;
        }
        if (!rules.extendable(type)) {
            return ExtensionRefusal.NOT_EXTENDABLE;
        }
        if (reason == null || reason.isBlank()) {
            return ExtensionRefusal.NO_REASON;
        }
        if (!now.isBefore(dueAt)) {
            return ExtensionRefusal.PAST_DUE;
        }
        return null;
    }

    /** Why an extension is refused. */
    public enum ExtensionRefusal {
        /** The one extension was already taken. */
        ALREADY_EXTENDED,
        /** Opt-out and limit requests have no extension. */
        NOT_EXTENDABLE,
        /** The consumer must be told why: no reason, no extension. */
        NO_REASON,
        /** An extension must be taken before the original due date. */
        PAST_DUE
    }

    /**
     * Calendar days from {@code now} to {@code due}, counted between their dates in the clock's zone:
     * 0 on the due day, negative once the due day has passed.
     */
    public long daysLeft(Instant due, Instant now) {
        return ChronoUnit.DAYS.between(date(now), date(due));
    }

    /**
     * Business days from {@code now} to {@code due}, counted between their dates in the clock's zone: the
     * business days after today up to and including the due day; 0 on the due day (or when only weekends and
     * holidays lie between), negative (the business days past) once the due day has passed. For the clocks
     * that count business days (opt-outs, limits).
     */
    public long businessDaysLeft(Instant due, Instant now) {
        LocalDate today = date(now);
        LocalDate dueDay = date(due);
        if (dueDay.isBefore(today)) {
            return -businessDaysAfter(dueDay, today);
        }
        return businessDaysAfter(today, dueDay);
    }

    /** Business days in {@code (from, to]}. */
    private long businessDaysAfter(LocalDate from, LocalDate to) {
        long count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                count++;
            }
        }
        return count;
    }

    /** Whether a request type's response clock counts business days (opt-outs, limits) rather than calendar days. */
    public static boolean countsBusinessDays(RequestType type) {
        return countsBusinessDays(ClockRules.CCPA, type);
    }

    /** Whether a request type's response clock counts business days under a jurisdiction's rules. */
    public static boolean countsBusinessDays(ClockRules rules, RequestType type) {
        return rules.responseFor(type).count() == ClockRules.DayCount.BUSINESS;
    }

    /** Whole calendar days between two instants' dates in the clock's zone (days to respond). */
    public long calendarDaysBetween(Instant from, Instant to) {
        return ChronoUnit.DAYS.between(date(from), date(to));
    }

    /** {@code from} plus {@code days} business days, keeping the time of day. */
    public Instant plusBusinessDays(Instant from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        ZonedDateTime at = from.atZone(zone);
        int counted = 0;
        while (counted < days) {
            at = at.plusDays(1);
            if (isBusinessDay(at.toLocalDate())) {
                counted++;
            }
        }
        return at.toInstant();
    }

    /** Monday to Friday and not a holiday. */
    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.isHoliday(day);
    }

    /** The date of an instant in the clock's zone. */
    public LocalDate date(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    public ZoneId zone() {
        return zone;
    }

    public HolidayCalendar holidays() {
        return holidays;
    }

    /** The deadlines a request starts with. */
    public record Deadlines(Instant acknowledgeBy, Instant dueAt) {}
}
