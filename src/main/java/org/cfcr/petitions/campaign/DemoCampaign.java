package org.cfcr.petitions.campaign;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

@Serdeable
record DemoCampaign(String slug, int goal,
                    String titleEn, String titleZh, String targetEn, String targetZh,
                    String summaryEn, String summaryZh, String bodyEn, String bodyZh) {

    /** Open, and discreet as every new campaign is. */
    Campaign toCampaign(Instant now) {
        return new Campaign(null, slug, CampaignState.OPEN, goal, null, null,
                titleEn, titleZh, summaryEn, summaryZh, bodyEn, bodyZh, targetEn, targetZh, true, now, now);
    }
}
