package org.cfcr.petitions.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Public campaign data and counts for other clients. Texts follow {@code ?lang=en|zh|zh-Hant}. When the
 * database cannot be reached, the last known counts are served with {@code "stale": true} and
 * {@code countAsOf}, the time they were read.
 */
@Tag(name = "Campaigns")
@Controller("/api/v1/campaigns")
// Runs on the event loop: campaigns and counts are in memory (CampaignCatalog, PublicCounts), so
// the busiest read of a viral campaign skips a hand-over to another thread. Only a campaign not
// looked up lately is read on a worker thread, where waiting on the database is allowed.
class CampaignApiController {

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final LanguageResolver languages;

    CampaignApiController(CampaignCatalog catalog, CampaignViews views, LanguageResolver languages) {
        this.catalog = catalog;
        this.views = views;
        this.languages = languages;
    }

    @Serdeable
    record CampaignSummary(String slug, String title, long signatureCount, int goal, String state, boolean stale) {
        static CampaignSummary of(CampaignView view) {
            return new CampaignSummary(view.slug(), view.title(), view.signatureCount(), view.goal(), view.state().name(),
                    view.countStale());
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record CampaignDetail(String slug, String title, String summary, String target, long signatureCount, int goal,
                          String state, @Nullable String deadline, Map<String, Long> signaturesByCountry,
                          @Nullable String countAsOf, boolean stale) {
        static CampaignDetail of(CampaignView view) {
            return new CampaignDetail(view.slug(), view.title(), view.summary(), view.target(), view.signatureCount(),
                    view.goal(), view.state().name(), view.deadline(), view.signaturesByCountry(), view.countAsOf(),
                    view.countStale());
        }
    }

    @Operation(summary = "Open and closed campaigns with their counts",
            description = "Newest first. ?lang=zh gives the Simplified Chinese titles, ?lang=zh-Hant the Traditional. stale=true means the database could not be "
                    + "reached lately and the counts are the last known ones.")
    @Get
    Mono<List<CampaignSummary>> list(HttpRequest<?> request) {
        Lang lang = languages.lang(request);
        return catalog.publicCampaigns().map(campaigns -> summaries(campaigns, lang));
    }

    @Operation(summary = "One campaign: texts, count, counts by country",
            description = "stale=true when the database could not be reached lately: the count is the last known one, "
                    + "read at countAsOf (null while counts are fresh).")
    @ApiResponse(responseCode = "200", description = "The campaign")
    @ApiResponse(responseCode = "404", description = "No public campaign has this slug")
    @Get("/{slug}")
    CompletableFuture<CampaignDetail> show(String slug, HttpRequest<?> request) {
        Lang lang = languages.lang(request);
        return catalog.publicCampaignSoon(slug).thenApply(campaign -> CampaignDetail.of(views.of(campaign, lang)));
    }

    private List<CampaignSummary> summaries(List<Campaign> campaigns, Lang lang) {
        return views.of(campaigns, lang).stream().map(CampaignSummary::of).toList();
    }
}
