package io.chatprivacy.consent.service;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets, one per key (a client address, an account): each holds up to {@code burst}
 * tokens, refilled at {@code perSecond}; a request takes one or is refused with the time until the
 * next token. In memory, per replica. The number of keys is bounded: beyond {@code maxKeys}, buckets
 * that have refilled completely (their holders have been idle) are dropped, since a new bucket is the
 * same as a full one.
 */
public final class RateLimiter {

    private static final class Bucket {
        double tokens;
        long updatedAt;

        Bucket(double tokens, long updatedAt) {
            this.tokens = tokens;
            this.updatedAt = updatedAt;
        }
    }

    private final double perNano;
    private final double burst;
    private final int maxKeys;
    private final long refillNanos;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double perSecond, int burst, int maxKeys, LongSupplier nanoTime) {
        if (perSecond <= 0 || burst < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("rate, burst and key limit must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.maxKeys = maxKeys;
        this.refillNanos = (long) Math.ceil(burst / perNano);
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a token for the key.
     *
     * @return 0 when the request may proceed, otherwise how many nanoseconds until it could
     */
    public long tryAcquire(String key) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                evictIdle(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        }
        synchronized (bucket) {
            long elapsed = Math.max(0, now - bucket.updatedAt);
            bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perNano);
            bucket.updatedAt = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / perNano));
        }
    }

    /** How many keys are tracked now. */
    public int trackedKeys() {
        return buckets.size();
    }

    private void evictIdle(long now) {
        for (Iterator<Map.Entry<String, Bucket>> it = buckets.entrySet().iterator(); it.hasNext(); ) {
            Bucket bucket = it.next().getValue();
            synchronized (bucket) {
                if (now - bucket.updatedAt >= refillNanos) {
                    it.remove();
                }
            }
        }
        if (buckets.size() >= maxKeys) {
            // every tracked client is active: forget them all rather than grow without bound
            buckets.clear();
        }
    }
}
