package io.chatprivacy.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(1));

    @Test
    void doublesFromTheInitialDelayUpToTheCap() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofSeconds(32));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.delayAfter(10_000)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void noFailureNoDelay() {
        assertThat(backoff.delayAfter(0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
