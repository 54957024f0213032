package org.cfcr.petitions.admin;

import org.cfcr.petitions.count.CountHistory;

import java.util.ArrayList;
import java.util.List;

/**
 * New confirmed signatures per hour or per day, as bars drawn on the server (SVG, no script).
 * Taken from the count history, so a bar is the net change: confirmations minus withdrawals.
 */
public record ActivityChart(List<Bar> bars, long max, long total, int width, int height) {

    static final int BAR_WIDTH = 10;
    static final int HEIGHT = 100;

    public record Bar(int x, int y, int barWidth, int barHeight, String label, long value) {
    }

    static ActivityChart of(List<CountHistory.Point> series, java.util.function.Function<java.time.Instant, String> label) {
        List<long[]> steps = new ArrayList<>();
        for (int i = 1; i < series.size(); i++) {
            steps.add(new long[]{i, Math.max(0, series.get(i).count() - series.get(i - 1).count())});
        }
        long max = steps.stream().mapToLong(step -> step[1]).max().orElse(0);
        long total = steps.stream().mapToLong(step -> step[1]).sum();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            long value = steps.get(i)[1];
            int height = max == 0 ? 0 : (int) Math.max(value > 0 ? 1 : 0, value * HEIGHT / max);
            bars.add(new Bar(i * BAR_WIDTH, HEIGHT - height, BAR_WIDTH - 2, height,
                    label.apply(series.get(i).at()), value));
        }
        return new ActivityChart(bars, max, total, Math.max(BAR_WIDTH, steps.size() * BAR_WIDTH), HEIGHT);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }

    public String firstLabel() {
        return bars.isEmpty() ? "" : bars.get(0).label();
    }

    public String lastLabel() {
        return bars.isEmpty() ? "" : bars.get(bars.size() - 1).label();
    }
}
