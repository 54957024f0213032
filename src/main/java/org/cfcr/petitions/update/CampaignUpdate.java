package org.cfcr.petitions.update;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.Lang;

import java.time.Instant;
import java.util.List;

/** News from a campaign, in both languages, and how far its mailing has got. */
public record CampaignUpdate(long id, long campaignId, String titleEn, String titleZh, String bodyEn, String bodyZh,
                             Instant createdAt, MailingState mailingState, int recipients, @Nullable Instant queuedAt) {

    public String title(Lang lang) {
        return lang.choose(titleEn, titleZh, null);
    }

    public List<String> paragraphs(Lang lang) {
        return CampaignViews.paragraphs(lang.choose(bodyEn, bodyZh, null));
    }

    /** As the public campaign page shows it, in one language. */
    public record View(String title, List<String> paragraphs, String day) {
    }

    public View view(Lang lang) {
        return new View(title(lang), paragraphs(lang), day());
    }

    public String day() {
        return createdAt.toString().substring(0, 10);
    }
}
