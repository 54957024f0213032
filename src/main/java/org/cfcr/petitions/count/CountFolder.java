package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
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
    private final CountTotals totals;
    private final Clock clock;

    public CountFolder(Sql sql, CountTotals totals, Clock clock) {
        this.sql = sql;
        this.totals = totals;
        this.clock = clock;
    }

    /**
     * Folds until no deltas are left. A deadlock with another node's folder rolls this pass back
     * whole (no delta is lost or counted twice) and the next pass picks the deltas up again.
     */
    @Scheduled(fixedDelay = "${petitions.counts.fold-interval:200ms}", initialDelay = "1s")
    public void foldAvailable() {
        try {
            while (foldBatch() == BATCH) {
                LOG.debug("More count deltas waiting; folding again");
            }
        } catch (Sql.TransientException conflict) {
            LOG.debug("Count folders of two nodes collided; folding again on the next pass");
        } catch (RuntimeException e) {
            LOG.warn("Folding counts failed, will retry: {}", e.getMessage());
        }
    }

    /**
     * Folds one batch; returns how many deltas it folded. Read committed: locking the claimed rows
     * must not lock the gaps where confirmations append new deltas.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public int foldBatch() {
        List<Delta> deltas = sql.list("SELECT id, campaign_id, country, delta FROM count_delta ORDER BY id LIMIT " + BATCH
                        + " FOR UPDATE SKIP LOCKED",
                row -> new Delta(row.getLong("id"), row.getLong("campaign_id"), row.getString("country"),
                        row.getInt("delta")));
        if (deltas.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        Map<Long, Long> sums = deltas.stream()
                .collect(Collectors.groupingBy(Delta::campaignId, TreeMap::new, Collectors.summingLong(Delta::delta)));
        Map<CountryKey, Long> byCountry = deltas.stream()
                .collect(Collectors.groupingBy(d -> new CountryKey(d.campaignId(), d.country()), TreeMap::new,
                        Collectors.summingLong(Delta::delta)));
        // sorted maps: every node updates rows in the same order, so two folders never deadlock
        sums.forEach((campaignId, sum) -> addToTotal(campaignId, sum, now));
        byCountry.forEach((key, sum) -> addToCountry(key, sum, now));
        Sql.In folded = Sql.in(deltas.stream().map(d -> d.id()).toList());
        sql.update("DELETE FROM count_delta WHERE id IN (" + folded.placeholders() + ")", folded.after());
        return deltas.size();
    }

    private void addToTotal(long campaignId, long sum, Instant now) {
        int updated = sql.update("UPDATE campaign_count SET confirmed = confirmed + ?, updated_at = ? WHERE campaign_id = ?",
                sum, now, campaignId);
        if (updated == 0) {
            totals.createRow(campaignId, now);
            sql.update("UPDATE campaign_count SET confirmed = confirmed + ?, updated_at = ? WHERE campaign_id = ?",
                    sum, now, campaignId);
        }
    }

    private void addToCountry(CountryKey key, long sum, Instant now) {
        String update = "UPDATE campaign_country_count SET confirmed = confirmed + ?, updated_at = ? "
                + "WHERE campaign_id = ? AND country = ?";
        if (sql.update(update, sum, now, key.campaignId(), key.country()) == 0) {
            totals.createCountryRow(key.campaignId(), key.country(), now);
            sql.update(update, sum, now, key.campaignId(), key.country());
        }
    }

    private record Delta(long id, long campaignId, String country, int delta) {
    }

    private record CountryKey(long campaignId, String country) implements Comparable<CountryKey> {
        @Override
        public int compareTo(CountryKey other) {
            int byCampaign = Long.compare(campaignId, other.campaignId);
            return byCampaign != 0 ? byCampaign : country.compareTo(other.country);
        }
    }
}
