package io.chatprivacy.infra.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: real time plus an offset that tests move instead of sleeping.
 *
 * <p>Not a CDI bean itself (this jar is no bean archive): a service that injects {@link Clock} makes it one
 * with a {@code @Singleton} subclass in its own test sources, and its tests inject {@code TestClock}. Every
 * test class shares the application, so a test that {@link #set sets} it calls {@link #reset()} afterwards.
 */
public class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    /** From now on the clock reads {@code at} (and runs on from there). */
    public void set(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    /** Moves the clock forward (or, with a negative duration, back) by {@code by}. */
    public synchronized void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** Back to real time. */
    public void reset() {
        offset = Duration.ZERO;
    }
}
