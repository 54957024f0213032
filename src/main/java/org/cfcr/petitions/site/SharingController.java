package org.cfcr.petitions.site;

import com.github.benmanes.caffeine.cache.Cache;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.i18n.Messages;
import org.cfcr.petitions.kernel.web.QrCodeSvg;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.text.NumberFormat;
import java.time.Duration;

/**
 * What passing a campaign on needs from the service itself: the QR code of its address (a page to
 * print or hold up to a phone, and the SVG alone), and the preview image of a pasted link.
 */
@Hidden // pages and images, not part of the API
@Controller("/campaigns/{slug}")
@ExecuteOn(TaskExecutors.BLOCKING)
class SharingController {

    /** Crawlers of chat apps fetch a preview once per link; a count a few minutes old is right for it. */
    static final String PREVIEW_CACHING = "public, max-age=300";
    private static final Duration PREVIEW_KEPT = Duration.ofMinutes(1);

    private record PreviewKey(String slug, Lang lang) {
    }

    private record QrKey(String url, String title) {
    }

    private final CampaignCatalog catalog;
    private final CampaignViews views;
    private final LanguageResolver languages;
    private final Sharing sharing;
    private final Messages messages;
    // drawing a picture costs tens of milliseconds: one per campaign and language a minute, however
    // many crawlers and visitors ask (the key is checked against the catalog first, so it cannot grow)
    private final Cache<PreviewKey, byte[]> previews = Caches.builder().maximumSize(256)
            .expireAfterWrite(PREVIEW_KEPT).build();
    // a code changes only with the address and the title (the page shows no count)
    private final Cache<QrKey, String> codes = Caches.builder().maximumSize(256).build();

    SharingController(CampaignCatalog catalog, CampaignViews views, LanguageResolver languages, Sharing sharing,
                      Messages messages) {
        this.catalog = catalog;
        this.views = views;
        this.languages = languages;
        this.sharing = sharing;
        this.messages = messages;
    }

    @Get("/qr")
    @View("qr")
    QrPage qrPage(String slug, HttpRequest<?> request) {
        Lang lang = languages.lang(request);
        CampaignView campaign = publicCampaign(slug, lang);
        String url = sharing.of(campaign, lang).url();
        return new QrPage(campaign.slug(), campaign.title(), url, qrCode(url, campaign.title()));
    }

    /**
     * The QR code alone, to download and put on a poster or a leaflet. Like the preview, its
     * language is the address's ({@code ?lang=}, else English): caches keep one copy per address.
     */
    @Get("/qr.svg")
    @Produces("image/svg+xml")
    HttpResponse<String> qrSvg(String slug, HttpRequest<?> request) {
        Lang lang = languages.fromQuery(request).orElse(Lang.EN);
        CampaignView campaign = publicCampaign(slug, lang);
        String url = sharing.of(campaign, lang).url();
        return HttpResponse.ok(qrCode(url, campaign.title()))
                .contentType(MediaType.of("image/svg+xml;charset=utf-8"))
                .header(HttpHeaders.CACHE_CONTROL, PREVIEW_CACHING);
    }

    @Get("/preview.png")
    @Produces(MediaType.IMAGE_PNG)
    HttpResponse<byte[]> preview(String slug, HttpRequest<?> request) {
        Lang lang = languages.fromQuery(request).orElse(Lang.EN);
        CampaignView campaign = publicCampaign(slug, lang);
        byte[] png = previews.get(new PreviewKey(campaign.slug(), lang), key -> PreviewImage.png(content(campaign, lang)));
        return HttpResponse.ok(png).contentType(MediaType.IMAGE_PNG_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, PREVIEW_CACHING);
    }

    private CampaignView publicCampaign(String slug, Lang lang) {
        return views.of(catalog.requirePublic(slug), lang);
    }

    private String qrCode(String url, String title) {
        return codes.get(new QrKey(url, title), key -> QrCodeSvg.of(key.url(), key.title()));
    }

    private PreviewImage.Content content(CampaignView campaign, Lang lang) {
        NumberFormat numbers = NumberFormat.getIntegerInstance(lang.locale());
        return new PreviewImage.Content(lang, messages.text("site.name", lang.locale()), campaign.title(),
                numbers.format(campaign.signatureCount()), messages.text("campaign.signatures.label", lang.locale()),
                messages.text("campaign.goal", lang.locale(), numbers.format(campaign.goal())), campaign.percentOfGoal());
    }

    /** A page with the campaign's QR code, large, to print or to show from a phone; it shows no count. */
    @Introspected
    record QrPage(String slug, String title, String url, String qrSvg) implements SharedPage {
    }
}
