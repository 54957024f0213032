package org.cfcr.petitions.site;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.count.HistoryChart;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.web.SharedPage;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.SignerRow;
import org.cfcr.petitions.signature.SignForm;
import org.cfcr.petitions.update.CampaignUpdate;

import java.util.List;
import java.util.Map;

/**
 * The campaign page (views/campaign.html): the public page with its sign form, or a lead's preview
 * of it, which has no form.
 *
 * @param preview       true on a lead's preview, null on the public page
 * @param formToken     the signed moment the form was shown (screening), null on a preview
 * @param challengeBits  the proof-of-work difficulty, when the campaign asks for the challenge
 * @param sharedRender   what the page shows besides the language and the form's time, equal for equal
 *                       pages, when it shows nothing a visitor typed (SharedRenders); else null
 * @param countryOptions the country options as HTML, drawn once per language ({@link Countries#optionsHtml})
 * @param latest         the newest confirmed signers, as each chose to be shown
 * @param share          the campaign's address and links to pass it on, null on a preview
 */
@Introspected
public record CampaignPage(CampaignView campaign, @Nullable Boolean preview, @Nullable Long previewId,
                           @Nullable SignForm form, Map<String, String> errors, String countryOptions,
                           PublicDisplay[] displayOptions, @Nullable HistoryChart chart,
                           List<CampaignUpdate.View> updates, @Nullable String formToken,
                           @Nullable Integer challengeBits, @Nullable Object sharedRender,
                           List<SignerRow> latest, @Nullable ShareLinks share)
        implements SharedPage {

    /** A lead's look at the page before it is public, in one language, without the form. */
    public static CampaignPage preview(CampaignView campaign, long campaignId, List<CampaignUpdate.View> updates) {
        return new CampaignPage(campaign, true, campaignId, null, Map.of(), "", PublicDisplay.values(), null,
                updates, null, null, null, List.of(), null);
    }
}
