package org.cfcr.petitions.account;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignLeads;
import org.cfcr.petitions.campaign.CampaignNotFoundException;
import org.cfcr.petitions.campaign.CampaignStore;

import java.util.List;
import java.util.Optional;

/**
 * Which campaigns an account manages: admins all, leads those assigned to them. A campaign the
 * account may not manage is answered exactly like one that does not exist, so guessing ids or
 * slugs tells a lead nothing about other campaigns.
 */
@Singleton
public class CampaignAccess {

    private final CampaignStore campaigns;
    private final CampaignLeads leads;

    CampaignAccess(CampaignStore campaigns, CampaignLeads leads) {
        this.campaigns = campaigns;
        this.leads = leads;
    }

    @Transactional(readOnly = true)
    public List<Campaign> manageable(Account account) {
        if (account.isAdmin()) {
            return campaigns.all();
        }
        return leads.campaignsLedBy(account.id()).stream().map(campaigns::find).flatMap(Optional::stream)
                .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    }

    /** The campaign with this id, if the account manages it; otherwise "no such campaign" (404). */
    @Transactional(readOnly = true)
    public Campaign require(Account account, long campaignId) {
        return campaigns.find(campaignId).filter(campaign -> manages(account, campaign))
                .orElseThrow(() -> new CampaignNotFoundException(String.valueOf(campaignId)));
    }

    /** The campaign with this slug, if the account manages it; otherwise "no such campaign" (404). */
    @Transactional(readOnly = true)
    public Campaign require(Account account, String slug) {
        return campaigns.findBySlug(slug).filter(campaign -> manages(account, campaign))
                .orElseThrow(() -> new CampaignNotFoundException(slug));
    }

    private boolean manages(Account account, Campaign campaign) {
        return account.isAdmin() || leads.leads(campaign.id(), account.id());
    }
}
