package org.cfcr.petitions.count;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A count history drawn as an SVG line on the server: no script and no chart library, so it shows
 * in any browser and costs one cached query per campaign.
 *
 * @param points   the polyline's points in SVG coordinates
 * @param maxCount the count at the top of the chart
 * @param from     label of the first point (UTC)
 * @param to       label of the last point (UTC)
 * @param rises    whether any point is above zero (a flat line at zero is an empty box, not a chart)
 */
public record HistoryChart(int width, int height, String points, String area, long maxCount, String from, String to,
                           boolean rises) {

    static final int WIDTH = 600;
    static final int HEIGHT = 160;
    static final int PAD = 4;

    public static HistoryChart of(List<CountHistory.Point> series, String from, String to) {
        long highest = series.stream().mapToLong(CountHistory.Point::count).max().orElse(0);
        long max = Math.max(1, highest);
        int n = series.size();
        double dx = n > 1 ? (WIDTH - 2.0 * PAD) / (n - 1) : 0;
        String line = java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> String.format(Locale.ROOT, "%.1f,%.1f", PAD + i * dx,
                        HEIGHT - PAD - (HEIGHT - 2.0 * PAD) * series.get(i).count() / max))
                .collect(Collectors.joining(" "));
        String area = n == 0 ? "" : String.format(Locale.ROOT, "%d,%d %s %.1f,%d", PAD, HEIGHT - PAD, line,
                PAD + (n - 1) * dx, HEIGHT - PAD);
        return new HistoryChart(WIDTH, HEIGHT, line, area, max, from, to, highest > 0);
    }

    public String viewBox() {
        return "0 0 " + width + " " + height;
    }
}
