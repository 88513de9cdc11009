package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private final Times pacific = Times.in("America/Los_Angeles");

    @Test
    void anInstantIsShownInTheZoneToTheMinuteWithTheZoneNamed() {
        assertThat(pacific.at(Instant.parse("2026-12-03T10:00:59Z"))).isEqualTo("3 Dec 2026, 02:00 PST");
        assertThat(pacific.at(Instant.parse("2026-07-01T19:30:00Z"))).isEqualTo("1 Jul 2026, 12:30 PDT");
        assertThat(Times.in("UTC").at(Instant.parse("2026-12-03T10:00:00Z"))).isEqualTo("3 Dec 2026, 10:00 UTC");
    }

    @Test
    void theDayIsTheZonesDayNotUtcs() {
        // 03:00 UTC on the 3rd is still the evening of the 2nd in California
        assertThat(pacific.day(Instant.parse("2026-12-03T03:00:00Z"))).isEqualTo("2 Dec 2026");
        assertThat(Times.in("UTC").day(Instant.parse("2026-12-03T03:00:00Z"))).isEqualTo("3 Dec 2026");
    }

    @Test
    void nothingShowsNothing() {
        assertThat(pacific.at(null)).isEmpty();
        assertThat(pacific.day(null)).isEmpty();
    }

    @Test
    void aMisspeltZoneIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Times.in("America/Los_Angles"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("console.time-zone")
                .hasMessageContaining("America/Los_Angles");
    }
}
