package org.cfcr.petitions.campaign;

import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.web.DomainException;
import org.cfcr.petitions.kernel.web.ErrorPage;

/** The campaign exists but no longer takes signatures (409, with a link back to it). */
public class CampaignClosedException extends DomainException {

    private final transient Campaign campaign;

    public CampaignClosedException(Campaign campaign) {
        super(HttpStatus.CONFLICT, "error.campaignClosed", "Campaign " + campaign.slug() + " is closed");
        this.campaign = campaign;
    }

    @Override
    public ErrorPage.CampaignLink campaign(Lang lang) {
        return new ErrorPage.CampaignLink(campaign.slug(), campaign.title(lang));
    }
}
