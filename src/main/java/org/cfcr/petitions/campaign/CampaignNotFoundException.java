package org.cfcr.petitions.campaign;

import io.micronaut.http.HttpStatus;
import org.cfcr.petitions.kernel.web.DomainException;

/** No campaign the public may see has this slug (it does not exist, or it is a draft). */
public class CampaignNotFoundException extends DomainException {
    public CampaignNotFoundException(String slug) {
        super(HttpStatus.NOT_FOUND, "error.campaignNotFound", "No public campaign " + slug);
    }
}
