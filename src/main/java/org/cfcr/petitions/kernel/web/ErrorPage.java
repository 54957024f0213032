package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * The error page (views/error.html): what happened, in the visitor's language. It shows nothing
 * of the visitor's, so one render serves everyone who meets the same error ({@link SharedPage}):
 * a crowd of wrong addresses costs what a crowd on the campaign page does. It is still sent
 * {@code no-store} ({@link StampedPageEncoding} lets a shared cache keep only a 200).
 *
 * @param campaign the campaign to go back to, when the refusal is about one
 */
@Introspected
public record ErrorPage(int status, String messageKey, @Nullable CampaignLink campaign) implements SharedPage {

    /** A campaign the error page links back to. */
    public record CampaignLink(String slug, String title) implements CampaignAddress {
    }
}
