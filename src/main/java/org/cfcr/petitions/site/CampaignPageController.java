package org.cfcr.petitions.site;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
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
import org.cfcr.petitions.kernel.net.TrustedProxyAddressResolver;
import org.cfcr.petitions.kernel.web.OriginCheckedForm;
import org.cfcr.petitions.kernel.web.PageThreads;
import org.cfcr.petitions.kernel.web.SharedPage;
import org.cfcr.petitions.signature.DiscreetEmails;
import org.cfcr.petitions.signature.LinkValidity;
import org.cfcr.petitions.signature.PublicDisplay;
import org.cfcr.petitions.signature.SignForm;
import org.cfcr.petitions.signature.SignerDirectory;
import org.cfcr.petitions.signature.SignerRow;
import org.cfcr.petitions.signature.Signing;
import org.cfcr.petitions.signature.screening.AbuseSettings;
import org.cfcr.petitions.signature.screening.CampaignChallenges;
import org.cfcr.petitions.signature.screening.FormTokens;
import org.cfcr.petitions.update.CampaignUpdate;
import org.cfcr.petitions.update.CampaignUpdates;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** The campaign page with its sign form, and the "check your email" page that follows. */
@Hidden // a page, not part of the API
@Controller("/campaigns/{slug}")
@ExecuteOn(PageThreads.EXECUTOR)
class CampaignPageController {

    /** How many of the newest signers the campaign page shows above the link to the whole list. */
    static final int LATEST_SIGNERS = 5;

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final Signing signing;
    private final Countries countries;
    private final LanguageResolver languages;
    private final TrustedProxyAddressResolver clients;
    private final HistoryCharts charts;
    private final CampaignUpdates updates;
    private final FormTokens formTokens;
    private final CampaignChallenges challenges;
    private final LinkValidity linkValidity;
    private final DiscreetEmails discreetEmails;
    private final int challengeBits;
    private final SignerDirectory directory;
    private final Sharing sharing;

    CampaignPageController(CampaignCatalog catalog, CampaignViews views, Signing signing, Countries countries,
                           LanguageResolver languages, TrustedProxyAddressResolver clients, HistoryCharts charts,
                           CampaignUpdates updates, FormTokens formTokens,
                           CampaignChallenges challenges, LinkValidity linkValidity, DiscreetEmails discreetEmails,
                           AbuseSettings abuse, SignerDirectory directory, Sharing sharing) {
        this.catalog = catalog;
        this.views = views;
        this.signing = signing;
        this.countries = countries;
        this.languages = languages;
        this.clients = clients;
        this.charts = charts;
        this.updates = updates;
        this.formTokens = formTokens;
        this.challenges = challenges;
        this.linkValidity = linkValidity;
        this.discreetEmails = discreetEmails;
        this.challengeBits = abuse.challengeBits();
        this.directory = directory;
        this.sharing = sharing;
    }

    /** The page lets the browser send its origin with our own form, which is what the form's check reads. */
    @Get
    @View("campaign")
    HttpResponse<CampaignPage> show(String slug, HttpRequest<?> request) {
        return HttpResponse.ok(page(campaign(slug), SignForm.blank(), Map.of(), languages.lang(request)))
                .header(HttpHeaders.REFERRER_POLICY, OriginCheckedForm.PAGE_REFERRER_POLICY);
    }

    /**
     * Answered once its signature is committed. Not on the page threads: what it does before handing
     * the signature in (screening it, a form with errors) may read the database.
     */
    @Post("/signatures")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @OriginCheckedForm
    @ExecuteOn(TaskExecutors.BLOCKING)
    CompletableFuture<HttpResponse<?>> sign(String slug, @Body SignForm form, HttpRequest<?> request) {
        Lang lang = languages.lang(request);
        return signing.sign(slug, form.toSubmission(), form.evidence(), clients.client(request).orElse(null), lang)
                .thenApply(result -> result instanceof Signing.Refused refused
                        ? HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                                .header(HttpHeaders.REFERRER_POLICY, OriginCheckedForm.PAGE_REFERRER_POLICY)
                                .body(new ModelAndView<>("campaign", page(refused.campaign(), form, refused.errors().asMap(), lang)))
                        : HttpResponse.seeOther(URI.create("/campaigns/" + slug + "/check-email")));
    }

    @Get("/check-email")
    @View("check-email")
    CheckEmailPage checkEmail(String slug, HttpRequest<?> request) {
        Lang lang = languages.lang(request);
        Campaign campaign = campaign(slug);
        return new CheckEmailPage(views.of(campaign, lang), linkValidity.in(lang),
                campaign.discreet() ? discreetEmails.senderName() : null);
    }

    private Campaign campaign(String slug) {
        return catalog.requirePublic(slug);
    }

    private CampaignPage page(Campaign campaign, SignForm form, Map<String, String> errors, Lang lang) {
        CampaignView view = views.of(campaign, lang);
        HistoryChart chart = charts.last48Hours(campaign.id()).orElse(null);
        List<CampaignUpdate.View> published = updates.publishedIn(campaign.id(), lang);
        Integer bits = challenges.isRequired(campaign.id()) ? challengeBits : null;
        List<SignerRow> latest = directory.page(campaign.id(), 0, LATEST_SIGNERS).stream()
                .map(s -> SignerRow.of(s, countries, lang))
                .toList();
        // a blank form shows nothing of the visitor's: one render serves everyone until any of this changes
        List<Object> shared = form.equals(SignForm.blank()) && errors.isEmpty()
                ? Arrays.asList(campaign.id(), view, chart, published, bits, latest) : null;
        return new CampaignPage(view, null, null, form, errors, countries.optionsHtml(lang, form.country()),
                PublicDisplay.values(), chart, published, formTokens.issue(campaign.id()), bits, shared,
                latest, sharing.of(view, lang));
    }

    /** Where the signer is told to look in their mailbox; for a discreet campaign, which sender to look for. */
    @Introspected
    record CheckEmailPage(CampaignView campaign, String linkValidity, @Nullable String sender) implements SharedPage {
    }
}
