package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
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
        Map<Long, Long> counts = totals.totals();
        Map<Long, Point> latest = latest(new ArrayList<>(counts.keySet()));
        for (Map.Entry<Long, Long> total : counts.entrySet()) {
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
     * The newest row of each campaign: one index seek each, {@value #POINTS_PER_QUERY} to a statement.
     * A join on {@code MAX(at_minute) ... GROUP BY campaign_id} was planned by MariaDB 10.11 as a
     * grouping of the campaign's every row for each of its rows (it ran for minutes over four years
     * of minute rows, every 10 s on every node).
     */
    private Map<Long, Point> latest(List<Long> campaignIds) {
        Map<Long, Point> latest = new HashMap<>();
        for (int first = 0; first < campaignIds.size(); first += POINTS_PER_QUERY) {
            List<Long> some = campaignIds.subList(first, Math.min(campaignIds.size(), first + POINTS_PER_QUERY));
            String query = String.join(" UNION ALL ", Collections.nCopies(some.size(),
                    "(SELECT campaign_id, at_minute, confirmed FROM count_history WHERE campaign_id = ? "
                            + "ORDER BY at_minute DESC LIMIT 1)"));
            sql.forEach(query, row -> latest.put(row.getLong("campaign_id"),
                    new Point(Sql.instant(row, "at_minute"), row.getLong("confirmed"))), some.toArray());
        }
        return latest;
    }

    /** Points per statement: each is a part of a UNION ALL, which the database plans one by one. */
    static final int POINTS_PER_QUERY = 100;

    /**
     * The count at each step from {@code from} to {@code to}: the last recorded value at or before
     * each point in time (0 before the first row). Each point is one index seek (the newest row at
     * or before it, on the primary key, read backwards), so the database reads one row per point
     * (at most {@link HistoryRange#MAX_POINTS}), however many minutes the range covers: four years of
     * minute rows cost what 1,500 rows cost. The seeks go {@value #POINTS_PER_QUERY} to a statement,
     * each with constant bounds: a correlated subquery over a list of points would be planned as a
     * scan of the campaign's every row per point (MariaDB 10.11).
     */
    @Transactional(readOnly = true)
    public List<Point> series(long campaignId, Instant from, Instant to, ChronoUnit step) {
        Duration length = step.getDuration();
        long points = Duration.between(from, to).dividedBy(length) + 1;
        if (points > HistoryRange.MAX_POINTS) {
            throw new IllegalArgumentException(points + " points: HistoryRange bounds a series to " + HistoryRange.MAX_POINTS);
        }
        return seek(campaignId, from, length, (int) points);
    }

    private List<Point> seek(long campaignId, Instant from, Duration length, int points) {
        long[] counts = new long[points];
        for (int first = 0; first < points; first += POINTS_PER_QUERY) {
            int last = Math.min(points, first + POINTS_PER_QUERY) - 1;
            StringBuilder query = new StringBuilder();
            List<Object> args = new ArrayList<>();
            for (int n = first; n <= last; n++) {
                query.append(n == first ? "" : " UNION ALL ").append("(SELECT ").append(n)
                        .append(" AS n, confirmed FROM count_history WHERE campaign_id = ? AND at_minute <= ? ")
                        .append("ORDER BY at_minute DESC LIMIT 1)");
                args.add(campaignId);
                args.add(from.plus(length.multipliedBy(n)));
            }
            sql.forEach(query.toString(), row -> counts[row.getInt("n")] = row.getLong("confirmed"), args.toArray());
        }
        List<Point> series = new ArrayList<>(points);
        for (int n = 0; n < points; n++) {
            series.add(new Point(from.plus(length.multipliedBy(n)), counts[n]));
        }
        return series;
    }
}
