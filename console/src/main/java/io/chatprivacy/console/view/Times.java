package io.chatprivacy.console.view;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console shows an instant to a person: in the business's time zone, with the zone named, to the
 * minute ({@code 3 Dec 2026, 02:00 PST}). The services answer in UTC; the page keeps the exact instant in the
 * {@code datetime} attribute of its {@code <time>} element, so nothing is lost by rounding to the minute.
 */
public final class Times {

    private final ZoneId zone;
    private final DateTimeFormatter instant;
    private final DateTimeFormatter day;

    public Times(ZoneId zone) {
        this.zone = zone;
        this.instant = DateTimeFormatter.ofPattern("d MMM uuuu, HH:mm zzz", Locale.ENGLISH)
                .withZone(zone);
        this.day = DateTimeFormatter.ofPattern("d MMM uuuu", Locale.ENGLISH).withZone(zone);
    }

    /**
     * @param zone an IANA zone id such as {@code America/Los_Angeles}
     * @throws IllegalArgumentException naming the setting when the id is not a zone
     */
    public static Times in(String zone) {
        try {
            return new Times(ZoneId.of(zone));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("console.time-zone: not a time zone id: " + zone, e);
        }
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant to the minute with its zone; empty for none. */
    public String at(Instant at) {
        return at == null ? "" : instant.format(at);
    }

    /** The calendar day the instant falls on in the zone; empty for none. */
    public String day(Instant at) {
        return at == null ? "" : day.format(at);
    }
}
