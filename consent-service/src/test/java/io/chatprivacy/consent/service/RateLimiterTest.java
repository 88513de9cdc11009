package io.chatprivacy.consent.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void allowsTheBurstThenRefusesWithTheTimeToWait() {
        RateLimiter limiter = new RateLimiter(2, 3, 100, now::get);

        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isZero();
        long wait = limiter.tryAcquire("a");
        assertThat(wait).isEqualTo(TimeUnit.MILLISECONDS.toNanos(500));
    }

    @Test
    void refillsAtTheRate() {
        RateLimiter limiter = new RateLimiter(2, 1, 100, now::get);
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isPositive();

        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(499));
        assertThat(limiter.tryAcquire("a")).isPositive();
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(2));
        assertThat(limiter.tryAcquire("a")).isZero();
    }

    @Test
    void keysAreIndependent() {
        RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);
        assertThat(limiter.tryAcquire("a")).isZero();
        assertThat(limiter.tryAcquire("a")).isPositive();
        assertThat(limiter.tryAcquire("b")).isZero();
    }

    @Test
    void dropsIdleBucketsWhenTooManyKeysAreTracked() {
        RateLimiter limiter = new RateLimiter(1, 1, 2, now::get);
        limiter.tryAcquire("a");
        limiter.tryAcquire("b");
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        limiter.tryAcquire("c");
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void neverTracksMoreThanItsLimitEvenWhenEveryoneIsBusy() {
        RateLimiter limiter = new RateLimiter(1, 1, 10, now::get);
        for (int i = 0; i < 1000; i++) {
            limiter.tryAcquire("k" + i);
        }
        assertThat(limiter.trackedKeys()).isLessThanOrEqualTo(10);
    }
}
