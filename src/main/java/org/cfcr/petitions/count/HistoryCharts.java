package org.cfcr.petitions.count;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The last 48 hours of a campaign's count, hour by hour, as a chart; rebuilt at most once a minute. */
@Singleton
public class HistoryCharts {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final CountHistory history;
    private final Clock clock;
    private final LoadingCache<Long, HistoryChart> charts;

    public HistoryCharts(CountHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
        this.charts = Caffeine.newBuilder().maximumSize(1000)
                .refreshAfterWrite(Duration.ofMinutes(1)).expireAfterWrite(Duration.ofMinutes(10))
                .build(this::draw);
    }

    public HistoryChart last48Hours(long campaignId) {
        return charts.get(campaignId);
    }

    private HistoryChart draw(long campaignId) {
        Instant to = Instant.now(clock).truncatedTo(ChronoUnit.HOURS);
        Instant from = to.minus(Duration.ofHours(48));
        return HistoryChart.of(history.series(campaignId, from, to, ChronoUnit.HOURS), LABEL.format(from), LABEL.format(to));
    }
}
