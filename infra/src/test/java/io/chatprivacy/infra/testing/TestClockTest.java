package io.chatprivacy.infra.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class TestClockTest {

    private final TestClock clock = new TestClock();

    @Test
    void readsRealTimeInUtcUntilMoved() {
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void advancesAddUpAndResetReturnsToRealTime() {
        clock.advance(Duration.ofDays(1));
        clock.advance(Duration.ofDays(2));
        assertThat(clock.instant()).isCloseTo(Instant.now().plus(Duration.ofDays(3)), within(5, ChronoUnit.SECONDS));

        clock.reset();
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(5, ChronoUnit.SECONDS));
    }

    @Test
    void setMakesItReadThatTimeAndRunOn() {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");
        clock.set(at);
        assertThat(clock.instant()).isBetween(at, at.plusSeconds(5));
    }
}
