package io.chatprivacy.request.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Duration;
import java.time.Instant;

/**
 * What agents were told about a request's due date: the due date they were last reminded of (a new due date
 * after an extension earns a new reminder) and when the request was reported overdue (once).
 *
 * @param reminderSentFor the effective due date agents were last reminded of
 * @param breachReportedAt when the request was reported overdue
 */
@Embeddable
public record DeadlineAlerts(
        @Column(name = "reminder_sent_for") Instant reminderSentFor,
        @Column(name = "breach_reported_at") Instant breachReportedAt) {

    /** Nothing told yet (and what the database hands back when both columns are null). */
    public static final DeadlineAlerts NONE = new DeadlineAlerts(null, null);

    /**
     * Whether agents should now be reminded of {@code due}: within {@code reminderDays} of it, not yet due,
     * and not reminded of this due date before.
     */
    boolean needsReminder(Instant due, Instant now, int reminderDays) {
        return now.isBefore(due)
                && !now.isBefore(due.minus(Duration.ofDays(reminderDays)))
                && !due.equals(reminderSentFor);
    }

    /** Whether {@code due} has passed and nobody was alerted yet. */
    boolean needsBreachReport(Instant due, Instant now) {
        return !now.isBefore(due) && breachReportedAt == null;
    }

    /** Agents were reminded of {@code due}. */
    DeadlineAlerts remindedOf(Instant due) {
        return new DeadlineAlerts(due, breachReportedAt);
    }

    /** Agents were alerted at {@code now} that the request is overdue. */
    DeadlineAlerts breachReported(Instant now) {
        return new DeadlineAlerts(reminderSentFor, now);
    }
}
