package org.cfcr.petitions.press;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.count.HistoryChart;
import org.cfcr.petitions.count.HistoryCharts;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.web.PageThreads;
import org.cfcr.petitions.kernel.web.PublicLinks;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.util.List;

/** {@code /campaigns/{slug}/press}: the live count in large type, its history, countries, downloads. */
@Hidden // a page, not part of the API
@Controller("/campaigns/{slug}/press")
@ExecuteOn(PageThreads.EXECUTOR)
class PressPageController {

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final HistoryCharts charts;
    private final Countries countries;
    private final LanguageResolver languages;
    private final PublicLinks links;

    PressPageController(CampaignCatalog catalog, CampaignViews views, HistoryCharts charts, Countries countries,
                        LanguageResolver languages, PublicLinks links) {
        this.catalog = catalog;
        this.views = views;
        this.charts = charts;
        this.countries = countries;
        this.languages = languages;
        this.links = links;
    }

    public record CountryRow(String country, long count) {
    }

    /** For the press: the count by country, the chart, and the widget and badge to embed. */
    @Introspected
    record PressPage(CampaignView campaign, List<CountryRow> countries, @Nullable HistoryChart chart, String embedCode,
                     String badgeUrl) implements SharedPage {
    }

    @Get
    @View("press")
    PressPage press(String slug, HttpRequest<?> request) {
        Campaign campaign = catalog.requirePublic(slug);
        Lang lang = languages.lang(request);
        CampaignView view = views.of(campaign, lang);
        List<CountryRow> byCountry = view.signaturesByCountry().entrySet().stream()
                .map(entry -> new CountryRow(countries.name(entry.getKey(), lang), entry.getValue()))
                .toList();
        String embedCode = "<iframe src=\"" + links.link("/embed/" + slug) + "\" width=\"340\" height=\"160\" "
                + "style=\"border:0\" title=\"" + view.title().replace("\"", "&quot;") + "\"></iframe>";
        return new PressPage(view, byCountry, charts.last48Hours(campaign.id()).orElse(null), embedCode,
                links.link("/badge/" + slug + ".svg"));
    }
}
