package io.chatprivacy.bench.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The memory verdict: a process whose resident memory grew by more than the limit from the reference
 * minute (10 by default, once the stack and the JIT have warmed up and the heaps have grown to their
 * working size) to the end is suspected of leaking; so is one that is gone by the end.
 */
final class RssGrowth {

    /** One process's verdict; {@code fromKb}/{@code toKb} -1 when it was not running then. */
    record Verdict(String name, int fromMinute, long fromKb, long toKb, double growth, boolean ok) {}

    private RssGrowth() {}

    /**
     * The minute the growth is measured from: {@code preferred} when the run has samples after it, else
     * (a short run) the middle of the run, so that a shake-out still gets a verdict.
     *
     * @param lastMinute the last sampled minute (samples 0 … lastMinute)
     */
    static int referenceMinute(int preferred, int lastMinute) {
        return preferred < lastMinute ? preferred : Math.max(0, lastMinute / 2);
    }

    /**
     * Judges every process.
     *
     * @param samples per process, its RSS in KiB at minute 0, 1, 2, … (-1: not running then)
     * @param limit the allowed growth, 0.10 for 10 %
     */
    static List<Verdict> judge(Map<String, List<Long>> samples, int preferredMinute, double limit) {
        List<Verdict> verdicts = new ArrayList<>();
        samples.forEach((name, series) -> {
            int last = series.size() - 1;
            int from = referenceMinute(preferredMinute, last);
            long fromKb = last < 0 ? -1 : series.get(from);
            long toKb = last < 0 ? -1 : series.get(last);
            if (fromKb <= 0 || toKb <= 0) {
                verdicts.add(new Verdict(name, from, fromKb, toKb, Double.NaN, false));
            } else {
                double growth = (double) (toKb - fromKb) / fromKb;
                verdicts.add(new Verdict(name, from, fromKb, toKb, growth, growth <= limit));
            }
        });
        return verdicts;
    }
}
