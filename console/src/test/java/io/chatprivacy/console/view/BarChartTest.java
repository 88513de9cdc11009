package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarChartTest {

    @Test
    void barsAreAsTallAsTheirValuesOnAScaleFromZero() {
        BarChart chart = BarChart.of(
                444, 228, List.of("ACCESS", "DELETE"), List.of("received", "denied"), new long[][] {{10, 0}, {5, 2}});

        // plot height 228 - 28 - 8 = 192; scale 0..10 in steps of 2
        assertThat(chart.bars()).extracting(BarChart.Bar::height).containsExactly(192, 0, 96, 38);
        assertThat(chart.bars())
                .allSatisfy(bar -> assertThat(bar.y() + bar.height()).isEqualTo(chart.baseline()));
        assertThat(chart.ticks()).extracting(BarChart.Tick::value).containsExactly(0L, 2L, 4L, 6L, 8L, 10L);
        assertThat(chart.bars().get(3).title()).isEqualTo("DELETE, denied: 2");
        assertThat(chart.bars())
                .extracting(BarChart.Bar::series)
                .containsExactly("series-0", "series-1", "series-0", "series-1");
    }

    @Test
    void groupsStandSideBySideWithoutOverlapping() {
        BarChart chart = BarChart.of(
                600, 200, List.of("A", "B", "C"), List.of("x", "y", "z"), new long[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}
                });

        for (int i = 1; i < chart.bars().size(); i++) {
            BarChart.Bar previous = chart.bars().get(i - 1);
            assertThat(chart.bars().get(i).x()).isGreaterThanOrEqualTo(previous.x() + previous.width());
        }
        assertThat(chart.bars().get(8).x() + chart.bars().get(8).width()).isLessThanOrEqualTo(600);
    }

    @Test
    void aYearWithoutRequestsDrawsAnEmptyScale() {
        BarChart chart = BarChart.of(400, 200, List.of("ACCESS"), List.of("received"), new long[][] {{0}});

        assertThat(chart.bars()).extracting(BarChart.Bar::height).containsExactly(0);
        assertThat(chart.ticks()).extracting(BarChart.Tick::value).containsExactly(0L, 1L);
    }

    @Test
    void theScaleStepIsOneTwoOrFiveTimesAPowerOfTen() {
        assertThat(BarChart.step(4)).isEqualTo(1);
        assertThat(BarChart.step(9)).isEqualTo(2);
        assertThat(BarChart.step(23)).isEqualTo(5);
        assertThat(BarChart.step(480)).isEqualTo(100);
        assertThat(BarChart.step(1_001)).isEqualTo(500);
    }

    @Test
    void negativeValuesAreRefused() {
        assertThatThrownBy(() -> BarChart.of(100, 100, List.of("A"), List.of("x"), new long[][] {{-1}}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
