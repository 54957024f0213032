package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Moves appended count deltas into the per-campaign totals, a few times a second, on every node.
 * Each pass claims a batch with {@code FOR UPDATE SKIP LOCKED}, adds it to the totals and deletes
 * it in one transaction, so each delta is counted exactly once even when nodes fold side by side.
 */
@Singleton
public class CountFolder {

    private static final Logger LOG = LoggerFactory.getLogger(CountFolder.class);
    static final int BATCH = 5000;

    private final Sql sql;
    private final Clock clock;

    public CountFolder(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${petitions.counts.fold-interval:200ms}", initialDelay = "1s")
    void foldPeriodically() {
        try {
            while (foldBatch() == BATCH) {
                LOG.debug("More count deltas waiting; folding again");
            }
        } catch (RuntimeException e) {
            LOG.warn("Folding counts failed, will retry: {}", e.getMessage());
        }
    }

    /** Folds one batch; returns how many deltas it folded. */
    @Transactional
    public int foldBatch() {
        List<Delta> deltas = sql.list("SELECT id, campaign_id, delta FROM count_delta ORDER BY id LIMIT " + BATCH
                        + " FOR UPDATE SKIP LOCKED",
                row -> new Delta(row.getLong("id"), row.getLong("campaign_id"), row.getInt("delta")));
        if (deltas.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        Map<Long, Long> sums = deltas.stream()
                .collect(Collectors.groupingBy(Delta::campaignId, TreeMap::new, Collectors.summingLong(Delta::delta)));
        // TreeMap: every node updates totals in the same order, so two folders never deadlock
        sums.forEach((campaignId, sum) -> addToTotal(campaignId, sum, now));
        String ids = deltas.stream().map(d -> Long.toString(d.id())).collect(Collectors.joining(","));
        sql.update("DELETE FROM count_delta WHERE id IN (" + ids + ")");
        return deltas.size();
    }

    private void addToTotal(long campaignId, long sum, Instant now) {
        int updated = sql.update("UPDATE campaign_count SET confirmed = confirmed + ?, updated_at = ? WHERE campaign_id = ?",
                sum, now, campaignId);
        if (updated == 0) {
            sql.update("INSERT INTO campaign_count (campaign_id, confirmed, updated_at) VALUES (?, ?, ?)",
                    campaignId, sum, now);
        }
    }

    private record Delta(long id, long campaignId, int delta) {
    }
}
