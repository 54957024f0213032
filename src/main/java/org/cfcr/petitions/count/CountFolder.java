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
import java.util.ArrayList;
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
            int folded;
            int creations = 0;
            do {
                try {
                    folded = foldBatch();
                } catch (MissingTotals missing) {
                    createTotals(missing);
                    // the same deltas again, now that their totals exist (a few times at most per pass)
                    folded = ++creations <= 3 ? BATCH : 0;
                }
            } while (folded == BATCH);
        } catch (RuntimeException e) {
            if (Sql.isConflict(e)) {
                LOG.debug("Count folders of two nodes collided; folding again on the next pass");
            } else {
                LOG.warn("Folding counts failed, will retry: {}", e.getMessage());
            }
        }
    }

    /**
     * Folds one batch; returns how many deltas it folded. Read committed: locking the claimed rows
     * must not lock the gaps where confirmations append new deltas. When a campaign or a country
     * has no total yet, the whole batch rolls back ({@link MissingTotals}): the rows are created
     * outside it and the batch folded again. Creating them inside, in a transaction of their own
     * while this one holds its locks, let two folders wait on each other through the application,
     * where the database cannot see the deadlock (each waited until the connection timed out).
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
        List<Long> missingCampaigns = new ArrayList<>();
        sums.forEach((campaignId, sum) -> {
            if (!totals.addToTotal(campaignId, sum, now)) {
                missingCampaigns.add(campaignId);
            }
        });
        List<CountryKey> missingCountries = new ArrayList<>();
        byCountry.forEach((key, sum) -> {
            if (!totals.addToCountry(key.campaignId(), key.country(), sum, now)) {
                missingCountries.add(key);
            }
        });
        if (!missingCampaigns.isEmpty() || !missingCountries.isEmpty()) {
            throw new MissingTotals(missingCampaigns, missingCountries);
        }
        deltasTable.delete(deltas.stream().map(CountDeltas.Delta::id).toList());
        return deltas.size();
    }

    /** Each in a transaction of its own, with no other transaction of this thread open. */
    private void createTotals(MissingTotals missing) {
        Instant now = Instant.now(clock);
        missing.campaigns().forEach(campaignId -> totals.createRow(campaignId, now));
        missing.countries().forEach(key -> totals.createCountryRow(key.campaignId(), key.country(), now));
    }

    /** Totals a batch needs that do not exist yet; thrown to roll the batch back. */
    static final class MissingTotals extends RuntimeException {
        private final transient List<Long> campaigns;
        private final transient List<CountryKey> countries;

        MissingTotals(List<Long> campaigns, List<CountryKey> countries) {
            super("count totals to create first", null, false, false);
            this.campaigns = campaigns;
            this.countries = countries;
        }

        List<Long> campaigns() {
            return campaigns;
        }

        List<CountryKey> countries() {
            return countries;
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
