package io.chatprivacy.console.view;

import java.util.ArrayList;
import java.util.List;

/**
 * A grouped bar chart drawn as SVG shapes by the page (no script, no inline style: the console's CSP allows
 * neither): one group per category, one bar per series, on a scale from zero to the largest value rounded up
 * to a readable step. Pure geometry, so it is tested without a browser.
 */
public record BarChart(int width, int height, List<Bar> bars, List<Label> categories, List<Tick> ticks) {

    /** Room below the bars for the category names, and left of them for the scale. */
    static final int BOTTOM = 28;

    static final int LEFT = 44;
    static final int TOP = 8;

    /** One bar: where it stands, its series (a CSS class) and what a screen reader hears. */
    public record Bar(int x, int y, int width, int height, String series, String title) {}

    /** A category's name under its group. */
    public record Label(int x, String text) {}

    /** A line of the scale. */
    public record Tick(int y, long value) {}

    /**
     * @param categories one name per group
     * @param series one name per bar within a group
     * @param values {@code values[c][s]}: the value of series {@code s} in category {@code c}, never negative
     */
    public static BarChart of(int width, int height, List<String> categories, List<String> series, long[][] values) {
        long max = 0;
        for (long[] row : values) {
            for (long value : row) {
                if (value < 0) {
                    throw new IllegalArgumentException("a bar chart shows no negative values");
                }
                max = Math.max(max, value);
            }
        }
        long step = step(max);
        long top = Math.max(step, ((max + step - 1) / step) * step);
        int plotHeight = height - BOTTOM - TOP;
        int groupWidth = categories.isEmpty() ? 0 : (width - LEFT) / categories.size();
        int barWidth = series.isEmpty() ? 0 : Math.max(1, (groupWidth - 12) / series.size());
        List<Bar> bars = new ArrayList<>();
        List<Label> labels = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            int groupX = LEFT + c * groupWidth + 6;
            labels.add(new Label(groupX + (barWidth * series.size()) / 2, categories.get(c)));
            for (int s = 0; s < series.size(); s++) {
                long value = values[c][s];
                int barHeight = (int) Math.round((double) value * plotHeight / top);
                bars.add(new Bar(
                        groupX + s * barWidth,
                        TOP + plotHeight - barHeight,
                        barWidth - 2,
                        barHeight,
                        "series-" + s,
                        categories.get(c) + ", " + series.get(s) + ": " + value));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value = 0; value <= top; value += step) {
            ticks.add(new Tick(TOP + plotHeight - (int) Math.round((double) value * plotHeight / top), value));
        }
        return new BarChart(width, height, bars, labels, ticks);
    }

    /** A step of 1, 2 or 5 times a power of ten that cuts the scale into at most five parts. */
    static long step(long max) {
        long step = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (step * factor * 5 >= max) {
                    return step * factor;
                }
            }
            step *= 10;
        }
    }

    /** Where the bars stand on the scale's zero. */
    public int baseline() {
        return height - BOTTOM;
    }

    public int left() {
        return LEFT;
    }
}
