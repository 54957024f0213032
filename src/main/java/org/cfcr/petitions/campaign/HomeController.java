package org.cfcr.petitions.campaign;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;

import java.util.Map;

@Hidden // a page, not part of the API
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
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
    Map<String, Object> home(HttpRequest<?> request) {
        var all = views.of(catalog.listPublic(), languages.lang(request));
        return Map.of(
                "open", all.stream().filter(CampaignView::isOpen).toList(),
                "closed", all.stream().filter(c -> !c.isOpen()).toList());
    }
}
