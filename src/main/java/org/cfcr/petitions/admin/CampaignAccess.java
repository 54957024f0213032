package org.cfcr.petitions.admin;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignNotFoundException;
import org.cfcr.petitions.campaign.CampaignRepository;
import org.cfcr.petitions.db.Sql;

import java.util.List;
import java.util.Optional;

/**
 * Which campaigns an account manages: admins all, leads those assigned to them. A campaign the
 * account may not manage is answered exactly like one that does not exist, so guessing ids or
 * slugs tells a lead nothing about other campaigns.
 */
@Singleton
public class CampaignAccess {

    private final CampaignRepository campaigns;
    private final Sql sql;

    CampaignAccess(CampaignRepository campaigns, Sql sql) {
        this.campaigns = campaigns;
        this.sql = sql;
    }

    @Transactional(readOnly = true)
    public List<Campaign> manageable(Account account) {
        if (account.isAdmin()) {
            return campaigns.findAll().stream().sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
        }
        List<Long> ids = sql.list("SELECT campaign_id FROM campaign_lead WHERE account_id = ?",
                row -> row.getLong("campaign_id"), account.id());
        return ids.stream().map(campaigns::findById).flatMap(Optional::stream)
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    /** The campaign with this id, if the account manages it; otherwise "no such campaign" (404). */
    @Transactional(readOnly = true)
    public Campaign require(Account account, long campaignId) {
        return campaigns.findById(campaignId).filter(campaign -> manages(account, campaign))
                .orElseThrow(() -> new CampaignNotFoundException(String.valueOf(campaignId)));
    }

    /** The campaign with this slug, if the account manages it; otherwise "no such campaign" (404). */
    @Transactional(readOnly = true)
    public Campaign require(Account account, String slug) {
        return campaigns.findBySlug(slug).filter(campaign -> manages(account, campaign))
                .orElseThrow(() -> new CampaignNotFoundException(slug));
    }

    private boolean manages(Account account, Campaign campaign) {
        return account.isAdmin() || sql.one("SELECT 1 AS x FROM campaign_lead WHERE campaign_id = ? AND account_id = ?",
                row -> 1, campaign.id(), account.id()).isPresent();
    }
}
