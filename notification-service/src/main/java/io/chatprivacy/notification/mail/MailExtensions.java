package io.chatprivacy.notification.mail;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;

/** Formats the templates apply to values of other packages' records (the export's instants). */
final class MailExtensions {

    private MailExtensions() {}

    /** {@code {message.sentAt.utc}}: minutes, in UTC, said so. */
    @TemplateExtension
    static String utc(Instant instant) {
        return MailFormats.utc(instant);
    }
}
