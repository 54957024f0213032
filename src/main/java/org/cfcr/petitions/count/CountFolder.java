package org.cfcr.petitions.count;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
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

    private final CountDeltas deltasTable;
    private final CountTotals totals;
    private final Clock clock;

    public CountFolder(CountDeltas deltasTable, CountTotals totals, Clock clock) {
        this.deltasTable = deltasTable;
        this.totals = totals;
        this.clock = clock;
    }

    /**
     * Folds until no deltas are left. A deadlock with another node's folder rolls this pass back
     * whole (no delta is lost or counted twice) and the next pass picks the deltas up again.
     */
    @Scheduled(fixedDelay = "${petitions.counts.fold-interval}", initialDelay = "1s")
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
        List<CountDeltas.Delta> deltas = deltasTable.claim(BATCH);
        if (deltas.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now(clock);
        Map<Long, Long> sums = deltas.stream()
                .collect(Collectors.groupingBy(CountDeltas.Delta::campaignId, TreeMap::new, Collectors.summingLong(CountDeltas.Delta::delta)));
        Map<CountryKey, Long> byCountry = deltas.stream()
                .collect(Collectors.groupingBy(d -> new CountryKey(d.campaignId(), d.country()), TreeMap::new,
                        Collectors.summingLong(CountDeltas.Delta::delta)));
        // sorted maps: every node updates rows in the same order, so two folders never deadlock
        sums.forEach((campaignId, sum) -> addToTotal(campaignId, sum, now));
        byCountry.forEach((key, sum) -> addToCountry(key, sum, now));
        deltasTable.delete(deltas.stream().map(CountDeltas.Delta::id).toList());
        return deltas.size();
    }

    private void addToTotal(long campaignId, long sum, Instant now) {
        if (!totals.addToTotal(campaignId, sum, now)) {
            totals.createRow(campaignId, now);
            totals.addToTotal(campaignId, sum, now);
        }
    }

    private void addToCountry(CountryKey key, long sum, Instant now) {
        if (!totals.addToCountry(key.campaignId(), key.country(), sum, now)) {
            totals.createCountryRow(key.campaignId(), key.country(), now);
            totals.addToCountry(key.campaignId(), key.country(), sum, now);
        }
    }

    private record CountryKey(long campaignId, String country) implements Comparable<CountryKey> {
        @Override
        public int compareTo(CountryKey other) {
            int byCampaign = Long.compare(campaignId, other.campaignId);
            return byCampaign != 0 ? byCampaign : country.compareTo(other.country);
        }
    }
}
