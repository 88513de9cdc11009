package io.chatprivacy.notification.mail;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How mails write instants: minutes, in UTC, said so. */
final class MailFormats {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private MailFormats() {}

    static String utc(Instant instant) {
        return instant == null ? "unknown" : UTC.format(instant);
    }
}
