package io.chatprivacy.bench.soak;

import java.util.Arrays;
import java.util.UUID;

/**
 * A compact list of UUIDs (two longs each: an hour at 1,000/s is 3.6 million receipt ids, which as
 * strings in a hash set would not fit the load generator's heap), and the comparison of two such lists.
 */
final class UuidList {

    /** What {@link #compare} found. */
    record Match(long expected, long expectedDuplicates, long seen, long missing, long duplicates, long unexpected) {}

    private long[] hi = new long[1 << 12];
    private long[] lo = new long[1 << 12];
    private int size;
    private long unreadable;

    synchronized void add(UUID id) {
        if (size == hi.length) {
            hi = Arrays.copyOf(hi, size * 2);
            lo = Arrays.copyOf(lo, size * 2);
        }
        hi[size] = id.getMostSignificantBits();
        lo[size] = id.getLeastSignificantBits();
        size++;
    }

    /** Adds the id, or counts it as unreadable when it is no UUID. */
    synchronized void add(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            unreadable++;
            return;
        }
        add(uuid);
    }

    synchronized int size() {
        return size;
    }

    synchronized long unreadable() {
        return unreadable;
    }

    /**
     * Compares what was expected (the accepted receipts) with what was seen (events or rows): how many
     * distinct expected ids were never seen, how many seen ones were seen more than once (each repeat
     * counts), how many distinct seen ones were never expected, and how often an expected id was
     * repeated in the expected list itself.
     */
    static Match compare(UuidList expected, UuidList seen) {
        long[][] e = expected.sorted();
        long[][] s = seen.sorted();
        long missing = 0;
        long duplicates = 0;
        long unexpected = 0;
        long expectedDuplicates = 0;
        int en = e[0].length;
        int sn = s[0].length;
        int i = 0;
        int j = 0;
        while (i < en || j < sn) {
            int c = i >= en ? 1 : j >= sn ? -1 : compare(e[0][i], e[1][i], s[0][j], s[1][j]);
            int ce = 0;
            int cs = 0;
            if (c <= 0) {
                int k = runEnd(e, i, en);
                ce = k - i;
                i = k;
            }
            if (c >= 0) {
                int k = runEnd(s, j, sn);
                cs = k - j;
                j = k;
            }
            if (cs == 0) {
                missing++;
            }
            if (ce == 0) {
                unexpected++;
            }
            duplicates += Math.max(0, cs - 1);
            expectedDuplicates += Math.max(0, ce - 1);
        }
        return new Match(en, expectedDuplicates, sn, missing, duplicates, unexpected);
    }

    /** The index after the run of entries equal to the one at {@code from} (the arrays are sorted). */
    private static int runEnd(long[][] a, int from, int n) {
        int k = from + 1;
        while (k < n && a[0][k] == a[0][from] && a[1][k] == a[1][from]) {
            k++;
        }
        return k;
    }

    private static int compare(long h1, long l1, long h2, long l2) {
        int c = Long.compareUnsigned(h1, h2);
        return c != 0 ? c : Long.compareUnsigned(l1, l2);
    }

    private synchronized long[][] sorted() {
        long[] h = Arrays.copyOf(hi, size);
        long[] l = Arrays.copyOf(lo, size);
        heapSort(h, l);
        return new long[][] {h, l};
    }

    /** Heap sort of the pairs (h[i], l[i]): in place, no boxing, O(n log n). */
    private static void heapSort(long[] h, long[] l) {
        int n = h.length;
        for (int i = n / 2 - 1; i >= 0; i--) {
            siftDown(h, l, i, n);
        }
        for (int end = n - 1; end > 0; end--) {
            swap(h, l, 0, end);
            siftDown(h, l, 0, end);
        }
    }

    private static void siftDown(long[] h, long[] l, int i, int n) {
        while (true) {
            int child = 2 * i + 1;
            if (child >= n) {
                return;
            }
            if (child + 1 < n && compare(h[child + 1], l[child + 1], h[child], l[child]) > 0) {
                child++;
            }
            if (compare(h[child], l[child], h[i], l[i]) <= 0) {
                return;
            }
            swap(h, l, i, child);
            i = child;
        }
    }

    private static void swap(long[] h, long[] l, int i, int j) {
        long t = h[i];
        h[i] = h[j];
        h[j] = t;
        t = l[i];
        l[i] = l[j];
        l[j] = t;
    }
}
