package org.cfcr.petitions.count;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.Caches;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** The last 48 hours of a campaign's count, hour by hour, as a chart; rebuilt at most once a minute. */
@Singleton
public class HistoryCharts {

    private static final DateTimeFormatter LABEL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final Logger LOG = LoggerFactory.getLogger(HistoryCharts.class);

    private final CountHistory history;
    private final PublicCounts counts;
    private final Clock clock;
    private final LoadingCache<Long, HistoryChart> charts;
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    private volatile Instant lastFailure = Instant.EPOCH;

    public HistoryCharts(CountHistory history, PublicCounts counts, Clock clock,
                         @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.history = history;
        this.counts = counts;
        this.clock = clock;
        // no expiry: when a refresh fails (database down) the last chart stays
        this.charts = Caches.builder().maximumSize(1000).refreshAfterWrite(Duration.ofMinutes(1))
                .build(Caches.reloadingOn(blocking, this::draw));
    }

    /** The chart, or empty when it cannot be drawn now (the database is down and none is cached). */
    public Optional<HistoryChart> last48Hours(long campaignId) {
        HistoryChart cached = charts.getIfPresent(campaignId);
        if (cached != null) {
            charts.get(campaignId); // lets a due refresh start in the background
            return Optional.of(cached);
        }
        if (Instant.now(clock).isBefore(lastFailure.plus(RETRY_AFTER_FAILURE))) {
            return Optional.empty(); // the database failed a moment ago: pages do not wait for it again
        }
        try {
            return Optional.of(charts.get(campaignId));
        } catch (RuntimeException unavailable) {
            lastFailure = Instant.now(clock);
            LOG.warn("No history chart for campaign {}: {}", campaignId, unavailable.getMessage());
            return Optional.empty();
        }
    }

    private HistoryChart draw(long campaignId) {
        Instant now = Instant.now(clock);
        Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(48));
        List<CountHistory.Point> series = new ArrayList<>(history.series(campaignId, from, now, ChronoUnit.HOURS));
        series.add(new CountHistory.Point(now, counts.confirmed(campaignId))); // the line ends at the current count
        return HistoryChart.of(series, LABEL.format(from), LABEL.format(now));
    }
}
