package org.cfcr.petitions.press;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.web.PageThreads;
import org.cfcr.petitions.kernel.web.SharedPage;

/**
 * What other sites may show: {@code /embed/{slug}}, a small page made to be framed (count, progress,
 * a link to sign), and {@code /badge/{slug}.svg}, an image of the count. Neither sets a cookie;
 * {@link EmbeddingHeaders} lets other sites frame them and nothing else.
 */
@Tag(name = "Embedding")
@Controller
@ExecuteOn(PageThreads.EXECUTOR)
class EmbedController {

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final LanguageResolver languages;

    EmbedController(CampaignCatalog catalog, CampaignViews views, LanguageResolver languages) {
        this.catalog = catalog;
        this.views = views;
        this.languages = languages;
    }

    @Operation(summary = "A small page with the count and a link to sign, for other sites to frame")
    @Get("/embed/{slug}")
    @View("embed")
    EmbedPage embed(String slug, HttpRequest<?> request) {
        return new EmbedPage(campaign(slug, request));
    }

    /** The count and a link to sign, small enough to frame. */
    @Introspected
    record EmbedPage(CampaignView campaign) implements SharedPage {
    }

    @Operation(summary = "An SVG image of the count")
    @Get("/badge/{slug}.svg")
    @Produces("image/svg+xml")
    HttpResponse<String> badge(String slug, HttpRequest<?> request) {
        CampaignView campaign = campaign(slug, request);
        return HttpResponse.ok(Badge.svg(campaign.signatureCount(), languages.lang(request)))
                .contentType(MediaType.of("image/svg+xml;charset=utf-8"));
    }

    private CampaignView campaign(String slug, HttpRequest<?> request) {
        return views.of(catalog.requirePublic(slug), languages.lang(request));
    }
}
