package io.chatprivacy.bench.soak;

import io.chatprivacy.bench.consent.LoadGenerator;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the paced consents' answers, per minute and in total: accepted, errors by kind, latency from
 * the time the schedule set (so a request that had to wait for a free connection counts its wait: the
 * open-loop figure), how late requests went out, and every accepted receipt id (compactly).
 */
final class ConsentStats implements LoadGenerator.Answers {

    /** Late by more than this counts as fallen behind. */
    static final long LATE_NANOS = 100_000_000L;

    /** One minute's (or the whole run's) figures. */
    record Figures(
            long answers,
            long accepted,
            Map<String, Long> errors,
            double p50Millis,
            double p99Millis,
            double maxMillis,
            double maxLagMillis,
            long late) {

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final UuidList receipts = new UuidList();
    private long[] interval = new long[1 << 16];
    private int intervalCount;
    private int[] allMicros = new int[1 << 16];
    private int allCount;
    private long accepted;
    private long totalAccepted;
    private final Map<String, Long> errors = new TreeMap<>();
    private final Map<String, Long> totalErrors = new TreeMap<>();
    private long maxLag;
    private long totalMaxLag;
    private long late;
    private long totalLate;
    private String firstError;
    private long sent;

    @Override
    public synchronized void sending(long scheduledNanos) {
        sent++;
    }

    /** Requests sent so far. */
    synchronized long sent() {
        return sent;
    }

    @Override
    public synchronized void answered(
            long scheduledNanos, long sentNanos, long answeredNanos, int status, String receiptId, String body) {
        long latency = answeredNanos - scheduledNanos;
        if (intervalCount == interval.length) {
            interval = Arrays.copyOf(interval, intervalCount * 2);
        }
        interval[intervalCount++] = latency;
        if (allCount == allMicros.length) {
            allMicros = Arrays.copyOf(allMicros, allCount * 2);
        }
        allMicros[allCount++] = (int) Math.min(Integer.MAX_VALUE, latency / 1000);
        long lag = sentNanos - scheduledNanos;
        maxLag = Math.max(maxLag, lag);
        if (lag > LATE_NANOS) {
            late++;
        }
        if (status == 201 && receiptId != null && !receiptId.equals("?")) {
            accepted++;
            receipts.add(receiptId);
        } else {
            error(status == 201 ? "201 without receiptId" : "http " + status, status + " " + body);
        }
    }

    @Override
    public synchronized void connectionError(IOException e) {
        error("i/o", "I/O: " + e);
    }

    private void error(String kind, String detail) {
        errors.merge(kind, 1L, Long::sum);
        if (firstError == null) {
            firstError = detail.length() > 300 ? detail.substring(0, 300) + "..." : detail;
        }
    }

    /** The figures since the previous call; starts the next interval. */
    synchronized Figures takeInterval() {
        long[] sorted = Arrays.copyOf(interval, intervalCount);
        Arrays.sort(sorted);
        Figures figures = new Figures(
                intervalCount,
                accepted,
                new TreeMap<>(errors),
                percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6,
                percentile(sorted, 100) / 1e6,
                maxLag / 1e6,
                late);
        totalAccepted += accepted;
        errors.forEach((k, v) -> totalErrors.merge(k, v, Long::sum));
        totalMaxLag = Math.max(totalMaxLag, maxLag);
        totalLate += late;
        intervalCount = 0;
        accepted = 0;
        errors.clear();
        maxLag = 0;
        late = 0;
        return figures;
    }

    /** The whole run's figures (call after the last {@link #takeInterval}). */
    synchronized Figures totals() {
        int[] sorted = Arrays.copyOf(allMicros, allCount);
        Arrays.sort(sorted);
        long[] asLong = new long[] {
            percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 100),
        };
        return new Figures(
                allCount,
                totalAccepted,
                new TreeMap<>(totalErrors),
                asLong[0] / 1e3,
                asLong[1] / 1e3,
                asLong[2] / 1e3,
                totalMaxLag / 1e6,
                totalLate);
    }

    UuidList receipts() {
        return receipts;
    }

    synchronized String firstError() {
        return firstError;
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    static long percentile(int[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
