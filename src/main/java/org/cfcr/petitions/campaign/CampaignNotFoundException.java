package org.cfcr.petitions.campaign;

/** No campaign the public may see has this slug (it does not exist, or it is a draft). */
public class CampaignNotFoundException extends RuntimeException {
    public CampaignNotFoundException(String slug) {
        super("No public campaign " + slug, null, false, false);
    }
}
