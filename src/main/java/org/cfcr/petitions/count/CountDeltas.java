package org.cfcr.petitions.count;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The count_delta table. Appends a change to a campaign's count, in the caller's transaction. Appending a row touches no
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

    /** A change not yet folded into the totals. */
    record Delta(long id, long campaignId, String country, int delta) {
    }

    /** The oldest deltas, locked; those another node is folding are skipped. */
    List<Delta> claim(int limit) {
        return sql.list("SELECT id, campaign_id, country, delta FROM count_delta ORDER BY id LIMIT " + limit
                        + " FOR UPDATE SKIP LOCKED",
                row -> new Delta(row.getLong("id"), row.getLong("campaign_id"), row.getString("country"),
                        row.getInt("delta")));
    }

    void delete(Collection<Long> ids) {
        Sql.In in = Sql.in(ids);
        sql.update("DELETE FROM count_delta WHERE id IN (" + in.placeholders() + ")", in.after());
    }
}
