package org.cfcr.petitions.campaign;

import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.web.DomainException;

import java.util.Map;

/** The campaign exists but no longer takes signatures (409, with a link back to it). */
public class CampaignClosedException extends DomainException {

    /** What the error page links to. */
    public record CampaignLink(String slug, String title) {
    }

    private final transient Campaign campaign;

    public CampaignClosedException(Campaign campaign) {
        super(HttpStatus.CONFLICT, "error.campaignClosed", "Campaign " + campaign.slug() + " is closed");
        this.campaign = campaign;
    }

    @Override
    public Map<String, Object> details(Lang lang) {
        return Map.of("campaign", new CampaignLink(campaign.slug(), campaign.title(lang)));
    }
}
