package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends each campaign's count once a minute, when it has changed since the last row. Every node runs the
 * recorder; the (campaign, minute) key lets exactly one row in, whoever comes first, and all nodes
 * read the same totals table, so they would write the same number anyway.
 */
@Singleton
public class CountHistory {

    private static final Logger LOG = LoggerFactory.getLogger(CountHistory.class);

    public record Point(Instant at, long count) {
    }

    private final Sql sql;
    private final CountTotals totals;
    private final Clock clock;

    public CountHistory(Sql sql, CountTotals totals, Clock clock) {
        this.totals = totals;
        this.sql = sql;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${petitions.counts.history-interval}", initialDelay = "5s")
    void recordPeriodically() {
        try {
            record(Instant.now(clock).truncatedTo(ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            LOG.warn("Recording count history failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Records the count of every campaign whose count changed since its last row, as its count at
     * {@code minute} (the start of the current minute; measured within its first seconds).
     */
    @Transactional
    public void record(Instant minute) {
        Map<Long, Point> latest = new HashMap<>();
        sql.list("SELECT h.campaign_id, h.at_minute, h.confirmed FROM count_history h JOIN ("
                        + "SELECT campaign_id, MAX(at_minute) AS latest FROM count_history GROUP BY campaign_id) m "
                        + "ON m.campaign_id = h.campaign_id AND m.latest = h.at_minute",
                row -> latest.put(row.getLong("campaign_id"),
                        new Point(Sql.instant(row, "at_minute"), row.getLong("confirmed"))));
        for (Map.Entry<Long, Long> total : totals.totals().entrySet()) {
            long[] count = {total.getKey(), total.getValue()};
            Point last = latest.get(count[0]);
            boolean unchanged = last != null && last.count() == count[1];
            boolean alreadyThisMinute = last != null && !last.at().isBefore(minute);
            if (unchanged || alreadyThisMinute) {
                continue;
            }
            try {
                sql.update("INSERT INTO count_history (campaign_id, at_minute, confirmed) VALUES (?, ?, ?)",
                        count[0], minute, count[1]);
            } catch (Sql.DuplicateKeyException anotherNodeWasFirst) {
                LOG.debug("Another node recorded minute {} of campaign {}", minute, count[0]);
            }
        }
    }

    /**
     * The count at each step from {@code from} to {@code to}: the last recorded value at or before
     * each point in time. Rows are read as a stream and folded into the points, so memory stays
     * proportional to the points asked for, however many minutes the range covers.
     */
    @Transactional(readOnly = true)
    public List<Point> series(long campaignId, Instant from, Instant to, ChronoUnit step) {
        long before = sql.one("SELECT confirmed FROM count_history WHERE campaign_id = ? AND at_minute <= ? "
                        + "ORDER BY at_minute DESC LIMIT 1",
                row -> row.getLong("confirmed"), campaignId, from).orElse(0L);
        List<Point> series = new ArrayList<>();
        long[] value = {before};
        Instant[] next = {from};
        sql.forEach("SELECT at_minute, confirmed FROM count_history WHERE campaign_id = ? "
                        + "AND at_minute > ? AND at_minute <= ? ORDER BY at_minute",
                row -> {
                    Instant at = Sql.instant(row, "at_minute");
                    while (next[0].isBefore(at)) {
                        series.add(new Point(next[0], value[0]));
                        next[0] = next[0].plus(1, step);
                    }
                    value[0] = row.getLong("confirmed");
                },
                campaignId, from, to);
        while (!next[0].isAfter(to)) {
            series.add(new Point(next[0], value[0]));
            next[0] = next[0].plus(1, step);
        }
        return series;
    }
}
