package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import org.cfcr.petitions.kernel.web.CampaignAddress;

import java.util.List;
import java.util.Map;

/**
 * A campaign as one page or API answer shows it, in one language, with its current count.
 *
 * @param deadline    the closing day as the API gives it (ISO 8601, UTC)
 * @param deadlineDay the same day as a reader of the language writes it (February 4, 2027; 2027年2月4日)
 */
public record CampaignView(
        String slug,
        String title,
        String summary,
        String target,
        List<String> paragraphs,
        int goal,
        long signatureCount,
        int percentOfGoal,
        CampaignState state,
        @Nullable String deadline,
        Map<String, Long> signaturesByCountry,
        @Nullable String countAsOf,
        boolean countStale,
        @Nullable String deadlineDay) implements CampaignAddress {

    public boolean isOpen() {
        return state == CampaignState.OPEN;
    }
}
