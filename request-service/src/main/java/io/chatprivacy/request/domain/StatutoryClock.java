package io.chatprivacy.request.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The statutory deadlines of a rights request, as pure arithmetic on instants.
 *
 * <p>Receipt must be confirmed within 10 business days and the request answered within 45 calendar
 * days, extendable once by another 45. Business days are Monday to Friday in the clock's zone, at the
 * time of day the request arrived; public holidays are not counted yet (a later issue adds them).
 */
public final class StatutoryClock {

    /** Business days allowed to confirm receipt. */
    public static final int ACKNOWLEDGE_BUSINESS_DAYS = 10;
    /** Calendar days allowed to answer. */
    public static final int RESPONSE_DAYS = 45;
    /** Calendar days one extension adds. */
    public static final int EXTENSION_DAYS = 45;

    private final ZoneId zone;

    /** A clock counting business days in UTC. */
    public StatutoryClock() {
        this(ZoneOffset.UTC);
    }

    public StatutoryClock(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** The deadlines of a request received at {@code receivedAt}. */
    public Deadlines deadlines(Instant receivedAt) {
        return new Deadlines(acknowledgeBy(receivedAt), dueAt(receivedAt));
    }

    /** {@code receivedAt} plus 10 business days, skipping Saturdays and Sundays. */
    public Instant acknowledgeBy(Instant receivedAt) {
        return plusBusinessDays(receivedAt, ACKNOWLEDGE_BUSINESS_DAYS);
    }

    /** {@code receivedAt} plus 45 calendar days. */
    public Instant dueAt(Instant receivedAt) {
        return receivedAt.atZone(zone).plusDays(RESPONSE_DAYS).toInstant();
    }

    /** The due date after the one permitted extension of 45 calendar days. */
    public Instant extendedDueAt(Instant dueAt) {
        return dueAt.atZone(zone).plusDays(EXTENSION_DAYS).toInstant();
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
            if (isBusinessDay(at)) {
                counted++;
            }
        }
        return at.toInstant();
    }

    private static boolean isBusinessDay(ZonedDateTime day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY;
    }

    /** The deadlines a request starts with. */
    public record Deadlines(Instant acknowledgeBy, Instant dueAt) {}
}
