package org.cfcr.petitions.campaign;

/** The campaign exists but no longer takes signatures. */
public class CampaignClosedException extends RuntimeException {

    private final transient Campaign campaign;

    public CampaignClosedException(Campaign campaign) {
        super("Campaign " + campaign.slug() + " is closed", null, false, false);
        this.campaign = campaign;
    }

    public Campaign campaign() {
        return campaign;
    }
}
