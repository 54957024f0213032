package org.cfcr.petitions.count;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The folded totals of each campaign and of each country in it: the only code that names the
 * campaign_count and campaign_country_count tables. Rows are created the first time a count changes.
 */
@Singleton
class CountTotals {

    private final Sql sql;

    CountTotals(Sql sql) {
        this.sql = sql;
    }

    /**
     * In a transaction of its own, committed at once, and never while the caller holds a fold's
     * locks (see {@link CountFolder#foldBatch}): when two nodes fold the first deltas of a campaign
     * together, one creates the row and the other finds it.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void createRow(long campaignId, Instant now) {
        try {
            sql.update("INSERT INTO campaign_count (campaign_id, confirmed, updated_at) VALUES (?, 0, ?)", campaignId, now);
        } catch (Sql.DuplicateKeyException anotherNodeCreatedIt) {
            // the row exists, which is all we need
        }
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void createCountryRow(long campaignId, String country, Instant now) {
        try {
            sql.update("INSERT INTO campaign_country_count (campaign_id, country, confirmed, updated_at) VALUES (?, ?, 0, ?)",
                    campaignId, country, now);
        } catch (Sql.DuplicateKeyException anotherNodeCreatedIt) {
            // the row exists, which is all we need
        }
    }

    /** Adds to the campaign's total in the caller's transaction; false when its row does not exist yet. */
    boolean addToTotal(long campaignId, long sum, Instant now) {
        return sql.update("UPDATE campaign_count SET confirmed = confirmed + ?, updated_at = ? WHERE campaign_id = ?",
                sum, now, campaignId) > 0;
    }

    /** Adds to a country's total in the caller's transaction; false when its row does not exist yet. */
    boolean addToCountry(long campaignId, String country, long sum, Instant now) {
        return sql.update("UPDATE campaign_country_count SET confirmed = confirmed + ?, updated_at = ? "
                + "WHERE campaign_id = ? AND country = ?", sum, now, campaignId, country) > 0;
    }

    /** Every campaign's total. */
    Map<Long, Long> totals() {
        Map<Long, Long> totals = new HashMap<>();
        sql.forEach("SELECT campaign_id, confirmed FROM campaign_count",
                row -> totals.put(row.getLong("campaign_id"), row.getLong("confirmed")));
        return totals;
    }

    /** Every campaign's countries with their totals, largest first; countries without any are left out. */
    Map<Long, Map<String, Long>> countryTotals() {
        Map<Long, Map<String, Long>> countries = new HashMap<>();
        sql.forEach("SELECT campaign_id, country, confirmed FROM campaign_country_count WHERE confirmed > 0 "
                        + "ORDER BY campaign_id, confirmed DESC, country",
                row -> countries.computeIfAbsent(row.getLong("campaign_id"), id -> new LinkedHashMap<>())
                        .put(row.getString("country"), row.getLong("confirmed")));
        return countries;
    }
}
