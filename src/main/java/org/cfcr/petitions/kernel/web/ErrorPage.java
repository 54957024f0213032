package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * The error page (views/error.html): what happened, in the visitor's language.
 *
 * @param campaign the campaign to go back to, when the refusal is about one
 */
@Introspected
public record ErrorPage(int status, String messageKey, @Nullable CampaignLink campaign) {

    /** A campaign the error page links back to. */
    public record CampaignLink(String slug, String title) implements CampaignAddress {
    }
}
