package io.chatprivacy.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RssGrowthTest {

    @Test
    void growthIsMeasuredFromMinuteTenToTheEndSoTheWarmUpDoesNotCount() {
        // doubles during the first ten minutes (heap growing to its working size), then flat: fine
        List<Long> series = new ArrayList<>();
        for (int m = 0; m <= 60; m++) {
            series.add(m < 10 ? 200_000L + m * 20_000L : 400_000L + (m - 10) * 100L);
        }
        RssGrowth.Verdict verdict = only(RssGrowth.judge(Map.of("consent-service", series), 10, 0.10));
        assertThat(verdict.fromMinute()).isEqualTo(10);
        assertThat(verdict.fromKb()).isEqualTo(400_000);
        assertThat(verdict.toKb()).isEqualTo(405_000);
        assertThat(verdict.growth()).isCloseTo(0.0125, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(verdict.ok()).isTrue();
    }

    @Test
    void moreThanTenPercentFailsExactlyTenPercentPasses() {
        Map<String, List<Long>> samples = new LinkedHashMap<>();
        samples.put("at the limit", flatThen(1_000_000, 1_100_000));
        samples.put("over it", flatThen(1_000_000, 1_100_001));
        samples.put("shrank", flatThen(1_000_000, 700_000));
        List<RssGrowth.Verdict> verdicts = RssGrowth.judge(samples, 10, 0.10);
        assertThat(verdicts)
                .extracting(RssGrowth.Verdict::name, RssGrowth.Verdict::ok)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("at the limit", true),
                        org.assertj.core.groups.Tuple.tuple("over it", false),
                        org.assertj.core.groups.Tuple.tuple("shrank", true));
    }

    @Test
    void aProcessGoneByTheEndFails() {
        List<Long> series = flatThen(500_000, -1);
        RssGrowth.Verdict verdict = only(RssGrowth.judge(Map.of("request-service", series), 10, 0.10));
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.toKb()).isEqualTo(-1);
    }

    @Test
    void aShortRunIsMeasuredFromItsMiddle() {
        assertThat(RssGrowth.referenceMinute(10, 60)).isEqualTo(10);
        assertThat(RssGrowth.referenceMinute(10, 11)).isEqualTo(10);
        assertThat(RssGrowth.referenceMinute(10, 10)).isEqualTo(5);
        assertThat(RssGrowth.referenceMinute(10, 4)).isEqualTo(2);
        assertThat(RssGrowth.referenceMinute(10, 0)).isEqualTo(0);
        RssGrowth.Verdict verdict =
                only(RssGrowth.judge(Map.of("launcher", List.of(100L, 200L, 300L, 310L, 320L)), 10, 0.10));
        assertThat(verdict.fromMinute()).isEqualTo(2);
        assertThat(verdict.fromKb()).isEqualTo(300);
        assertThat(verdict.ok()).isTrue(); // 300 → 320 is 6.7 %
    }

    /** 61 samples: {@code before} up to minute 59, {@code end} at minute 60. */
    private static List<Long> flatThen(long before, long end) {
        List<Long> series = new ArrayList<>();
        for (int m = 0; m < 60; m++) {
            series.add(before);
        }
        series.add(end);
        return series;
    }

    private static RssGrowth.Verdict only(List<RssGrowth.Verdict> verdicts) {
        assertThat(verdicts).hasSize(1);
        return verdicts.get(0);
    }
}
