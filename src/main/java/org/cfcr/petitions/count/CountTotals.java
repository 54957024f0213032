package org.cfcr.petitions.count;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Instant;

/** Creates the totals rows of a campaign (and of a country in it) the first time their count changes. */
@Singleton
class CountTotals {

    private final Sql sql;

    CountTotals(Sql sql) {
        this.sql = sql;
    }

    /**
     * In a transaction of its own, committed at once: when two nodes fold the first deltas of a
     * campaign together, one creates the row and the other finds it, and neither holds a lock the
     * other waits for (an insert inside the fold transaction would deadlock them).
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
}
