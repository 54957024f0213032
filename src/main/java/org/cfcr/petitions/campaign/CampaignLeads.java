package org.cfcr.petitions.campaign;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.util.List;

/** Who leads which campaign: the only code that names the campaign_lead table. */
@Singleton
public class CampaignLeads {

    private final Sql sql;

    CampaignLeads(Sql sql) {
        this.sql = sql;
    }

    /** False when the account already leads the campaign. */
    public boolean add(long campaignId, long accountId) {
        try {
            sql.update("INSERT INTO campaign_lead (campaign_id, account_id) VALUES (?, ?)", campaignId, accountId);
            return true;
        } catch (Sql.DuplicateKeyException alreadyLeads) {
            return false;
        }
    }

    /** False when the account did not lead the campaign. */
    public boolean remove(long campaignId, long accountId) {
        return sql.update("DELETE FROM campaign_lead WHERE campaign_id = ? AND account_id = ?", campaignId, accountId) > 0;
    }

    public List<Long> accountsLeading(long campaignId) {
        return sql.list("SELECT account_id FROM campaign_lead WHERE campaign_id = ?", row -> row.getLong("account_id"),
                campaignId);
    }

    public List<Long> campaignsLedBy(long accountId) {
        return sql.list("SELECT campaign_id FROM campaign_lead WHERE account_id = ?", row -> row.getLong("campaign_id"),
                accountId);
    }

    public boolean leads(long campaignId, long accountId) {
        return sql.one("SELECT 1 AS x FROM campaign_lead WHERE campaign_id = ? AND account_id = ?", row -> 1,
                campaignId, accountId).isPresent();
    }
}
