package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.Countries;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.web.PageThreads;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.util.List;

/** The public list of who signed, newest first, fifty to a page. */
@Hidden // a page, not part of the API
@Controller("/campaigns/{slug}/signers")
@ExecuteOn(PageThreads.EXECUTOR)
class SignersPageController {

    static final int PAGE_SIZE = 50;

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final SignerDirectory directory;
    private final Countries countries;
    private final LanguageResolver languages;

    SignersPageController(CampaignCatalog catalog, CampaignViews views, SignerDirectory directory,
                          Countries countries, LanguageResolver languages) {
        this.catalog = catalog;
        this.views = views;
        this.directory = directory;
        this.countries = countries;
        this.languages = languages;
    }

    @Get
    @View("signers")
    SignersPage list(String slug, @QueryValue(defaultValue = "1") String page, HttpRequest<?> request) {
        Campaign campaign = catalog.requirePublic(slug);
        Lang lang = languages.lang(request);
        CampaignView view = views.of(campaign, lang);
        long total = view.signatureCount();
        long reachable = Math.min(total, SignerDirectory.MAX_OFFSET);
        int pages = (int) Math.max(1, (reachable + PAGE_SIZE - 1) / PAGE_SIZE);
        int current = Math.max(1, Math.min(pages, parsePage(page)));
        List<SignerRow> rows = directory.page(campaign.id(), current - 1, PAGE_SIZE).stream()
                .map(s -> SignerRow.of(s, countries, lang))
                .toList();
        return new SignersPage(view, rows, current, pages);
    }

    /** One page of the public signer list. */
    @Introspected
    record SignersPage(CampaignView campaign, List<SignerRow> rows, int page, int pages) implements SharedPage {
    }

    private static int parsePage(String raw) {
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }
}
