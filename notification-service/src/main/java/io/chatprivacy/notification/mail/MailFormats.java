package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How mails write instants: minutes, in UTC, said so; or a UTC day as a date. */
final class MailFormats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private MailFormats() {}

    static String date(Instant instant) {
        return instant == null ? "unknown" : DATE.format(instant);
    }

    static String utc(Instant instant) {
        return instant == null ? "unknown" : UTC.format(instant);
    }
}
