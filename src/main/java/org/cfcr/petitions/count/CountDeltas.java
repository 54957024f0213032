package org.cfcr.petitions.count;

import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Instant;

/**
 * Appends a change to a campaign's count, in the caller's transaction. Appending a row touches no
 * row that another signer's transaction needs, unlike {@code UPDATE ... SET n = n + 1} on one
 * counter row, which serialises every confirmation of a popular campaign.
 */
@Singleton
public class CountDeltas {

    private final Sql sql;

    public CountDeltas(Sql sql) {
        this.sql = sql;
    }

    public void record(long campaignId, String country, int delta, Instant now) {
        sql.update("INSERT INTO count_delta (campaign_id, country, delta, created_at) VALUES (?, ?, ?, ?)",
                campaignId, country, delta, now);
    }
}
