package org.cfcr.petitions.signature;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.swagger.v3.oas.annotations.Hidden;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.View;
import org.cfcr.petitions.abuse.AbuseSettings;
import org.cfcr.petitions.abuse.CampaignChallenges;
import org.cfcr.petitions.abuse.FormTokens;
import org.cfcr.petitions.abuse.SignatureOrigins;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.count.HistoryCharts;
import org.cfcr.petitions.update.CampaignUpdates;
import org.cfcr.petitions.web.Countries;
import org.cfcr.petitions.web.CsrfGuard;
import org.cfcr.petitions.web.Lang;
import org.cfcr.petitions.web.LanguageResolver;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/** The campaign page with its sign form, and the "check your email" page that follows. */
@Hidden // a page, not part of the API
@Controller("/campaigns/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SignPageController {

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final SignatureValidator validator;
    private final SigningService signing;
    private final SigningBatcher batcher;
    private final Countries countries;
    private final LanguageResolver languages;
    private final CsrfGuard csrf;
    private final HistoryCharts charts;
    private final CampaignUpdates updates;
    private final SignatureOrigins origins;
    private final FormTokens formTokens;
    private final CampaignChallenges challenges;
    private final int challengeBits;

    SignPageController(CampaignCatalog catalog, CampaignViews views, SignatureValidator validator,
                       SigningService signing, SigningBatcher batcher, Countries countries, LanguageResolver languages,
                       CsrfGuard csrf, HistoryCharts charts, CampaignUpdates updates, SignatureOrigins origins, FormTokens formTokens,
                       CampaignChallenges challenges, AbuseSettings abuse) {
        this.origins = origins;
        this.formTokens = formTokens;
        this.challenges = challenges;
        this.challengeBits = abuse.challengeBits();
        this.updates = updates;
        this.charts = charts;
        this.catalog = catalog;
        this.views = views;
        this.validator = validator;
        this.signing = signing;
        this.batcher = batcher;
        this.countries = countries;
        this.languages = languages;
        this.csrf = csrf;
    }

    @Get
    @View("campaign")
    Map<String, Object> show(String slug, HttpRequest<?> request) {
        return page(campaign(slug), SignForm.blank(), Map.of(), languages.lang(request));
    }

    @Post("/signatures")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> sign(String slug, @Body SignForm form, HttpRequest<?> request) {
        csrf.verify(request, form.csrfToken());
        Lang lang = languages.lang(request);
        Campaign campaign = signing.openCampaign(slug);
        SignatureValidator.Result result = validator.validate(form.toSubmission(), lang);
        if (result instanceof SignatureValidator.Invalid invalid) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                    .body(new ModelAndView<>("campaign", page(campaign, form, invalid.errors().asMap(), lang)));
        }
        SignatureRequest valid = ((SignatureValidator.Valid) result).request();
        batcher.sign(slug, valid, origins.of(request, campaign.id(), valid.email(), form.evidence()));
        return HttpResponse.seeOther(URI.create("/campaigns/" + slug + "/check-email"));
    }

    @Get("/check-email")
    @View("check-email")
    Map<String, Object> checkEmail(String slug, HttpRequest<?> request) {
        return Map.of("campaign", views.of(campaign(slug), languages.lang(request)));
    }

    private Campaign campaign(String slug) {
        return catalog.requirePublic(slug);
    }

    private Map<String, Object> page(Campaign campaign, SignForm form, Map<String, String> errors, Lang lang) {
        Map<String, Object> model = new HashMap<>();
        model.put("campaign", views.of(campaign, lang));
        model.put("form", form);
        model.put("errors", errors);
        model.put("countries", countries.all(lang));
        model.put("displayOptions", PublicDisplay.values());
        charts.last48Hours(campaign.id()).ifPresent(chart -> model.put("chart", chart));
        model.put("updates", updates.publishedIn(campaign.id(), lang));
        model.put("formToken", formTokens.issue(campaign.id()));
        if (challenges.isRequired(campaign.id())) {
            model.put("challengeBits", challengeBits);
        }
        return model;
    }
}
