package org.cfcr.petitions.kernel.web;

/**
 * A page's campaign, as far as the layout needs it: the language switch of a page answered to a
 * POST leads back to the campaign's page.
 */
public interface CampaignAddress {
    String slug();
}
