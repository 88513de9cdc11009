package io.chatprivacy.bench.soak;

import io.chatprivacy.bench.consent.LoadGenerator;

/**
 * An open-loop schedule: request n is due at {@code start + n / rate}, whatever happened to the
 * requests before it, so a slow answer never slows the rate down (it only makes later requests go out
 * late, which is measured).
 */
final class PacingSchedule implements LoadGenerator.Pacing {

    private final long startNanos;
    private final double perSecond;

    PacingSchedule(long startNanos, double perSecond) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + perSecond);
        }
        this.startNanos = startNanos;
        this.perSecond = perSecond;
    }

    @Override
    public long sendAt(long n) {
        return startNanos + (long) Math.floor(n * 1e9 / perSecond);
    }

    /** How many requests are due at {@code nowNanos} (those with {@link #sendAt} at or before it). */
    long dueBy(long nowNanos) {
        if (nowNanos < startNanos) {
            return 0;
        }
        long n = (long) Math.floor((nowNanos - startNanos) * perSecond / 1e9) + 1;
        // the float estimate may be one off either way at a boundary: settle it on sendAt itself
        while (n > 0 && sendAt(n - 1) > nowNanos) {
            n--;
        }
        while (sendAt(n) <= nowNanos) {
            n++;
        }
        return n;
    }

    /** How many requests the schedule holds before {@code endNanos}. */
    long before(long endNanos) {
        return endNanos <= startNanos ? 0 : dueBy(endNanos - 1);
    }

    /** How many requests were due but not yet sent at {@code nowNanos}, after {@code sent} went out. */
    long behind(long nowNanos, long sent) {
        return Math.max(0, dueBy(nowNanos) - sent);
    }
}
