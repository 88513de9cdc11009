package io.chatprivacy.request.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Agents are reminded once per due date, within the reminder window, and alerted once when it passes. */
class DeadlineAlertsTest {

    private static final Instant DUE = Instant.parse("2027-01-13T10:20:00Z");

    @ParameterizedTest(name = "{0} -> remind: {1}, alert: {2}")
    @CsvSource({
        // before the window (5 days), in it, at and after the due date
        "2027-01-08T10:19:59Z, false, false",
        "2027-01-08T10:20:00Z, true, false",
        "2027-01-13T10:19:59Z, true, false",
        "2027-01-13T10:20:00Z, false, true",
        "2027-02-01T00:00:00Z, false, true",
    })
    void remindsWithinTheWindowAndAlertsOnceDue(Instant now, boolean remind, boolean alert) {
        assertThat(DeadlineAlerts.NONE.needsReminder(DUE, now, 5)).isEqualTo(remind);
        assertThat(DeadlineAlerts.NONE.needsBreachReport(DUE, now)).isEqualTo(alert);
    }

    @Test
    void remindsOncePerDueDateAndANewDueDateEarnsANewReminder() {
        Instant now = DUE.minusSeconds(3600);
        DeadlineAlerts reminded = DeadlineAlerts.NONE.remindedOf(DUE);
        assertThat(reminded.needsReminder(DUE, now, 5)).isFalse();
        Instant extended = DUE.plusSeconds(45L * 24 * 3600);
        assertThat(reminded.needsReminder(extended, extended.minusSeconds(3600), 5))
                .isTrue();
    }

    @Test
    void alertsOnce() {
        Instant late = DUE.plusSeconds(60);
        DeadlineAlerts alerted = DeadlineAlerts.NONE.remindedOf(DUE).breachReported(late);
        assertThat(alerted).isEqualTo(new DeadlineAlerts(DUE, late));
        assertThat(alerted.needsBreachReport(DUE, late.plusSeconds(60))).isFalse();
    }
}
