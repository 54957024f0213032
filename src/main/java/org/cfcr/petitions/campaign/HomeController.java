package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.web.PageThreads;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.util.List;

@Hidden // a page, not part of the API
@Controller
@ExecuteOn(PageThreads.EXECUTOR)
class HomeController {

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final LanguageResolver languages;

    HomeController(CampaignCatalog catalog, CampaignViews views, LanguageResolver languages) {
        this.catalog = catalog;
        this.views = views;
        this.languages = languages;
    }

    @Get
    @View("home")
    HomePage home(HttpRequest<?> request) {
        List<CampaignView> all = views.of(catalog.listPublic(), languages.lang(request));
        return new HomePage(all.stream().filter(CampaignView::isOpen).toList(),
                all.stream().filter(c -> !c.isOpen()).toList());
    }

    /** Every public campaign, the open ones first. */
    @Introspected
    record HomePage(List<CampaignView> open, List<CampaignView> closed) implements SharedPage {
    }
}
