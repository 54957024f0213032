package org.cfcr.petitions.update;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.kernel.i18n.Lang;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.net.TrustedProxyAddressResolver;
import org.cfcr.petitions.kernel.web.CsrfExempt;
import org.cfcr.petitions.kernel.web.PageException;
import org.cfcr.petitions.kernel.web.SharedPage;
import org.cfcr.petitions.signature.LinkPageReads;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The unsubscribe link of update emails. Opening it shows a button (mail scanners open links);
 * the POST unsubscribes, whether from that button or from a mail program's one-click unsubscribe
 * (RFC 8058). The POST needs no CSRF token: the signed link is itself the only credential, and
 * doing it twice does nothing more.
 */
@Hidden
@CsrfExempt
@Controller("/unsubscribe/{token}")
// the page's view hands its read in on the event loop and is made on the page threads once read
// (LinkPageReads); the button waits for its commit on the blocking executor
class UnsubscribeController {

    private final UnsubscribeLinks links;
    private final Unsubscriptions unsubscriptions;
    private final CampaignCatalog campaigns;
    private final LanguageResolver languages;
    private final TrustedProxyAddressResolver clients;
    private final LinkPageReads.Reader<Long, Optional<Long>> pages;

    UnsubscribeController(UnsubscribeLinks links, Unsubscriptions unsubscriptions, CampaignCatalog campaigns,
                          LanguageResolver languages, TrustedProxyAddressResolver clients, LinkPageReads reads) {
        this.clients = clients;
        this.pages = reads.reader("unsubscribe-pages", unsubscriptions::campaignsOf);
        this.links = links;
        this.unsubscriptions = unsubscriptions;
        this.campaigns = campaigns;
        this.languages = languages;
    }

    @Get
    CompletableFuture<HttpResponse<?>> show(String token, HttpRequest<?> request) {
        long signatureId = signature(token);
        return pages.readThen(signatureId, clients.client(request).orElse(null), campaignId -> page("READY", token, campaignId, request));
    }

    @Post
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA, MediaType.TEXT_PLAIN})
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> unsubscribe(String token, HttpRequest<?> request) {
        long signatureId = signature(token);
        return page("DONE", token, unsubscriptions.unsubscribe(signatureId), request);
    }

    private long signature(String token) {
        return links.signatureId(token).orElseThrow(() ->
                new PageException(HttpStatus.NOT_FOUND, "unsubscribe", new UnsubscribePage("UNKNOWN", "", null)));
    }

    private HttpResponse<?> page(String state, String token, Optional<Long> campaignId, HttpRequest<?> request) {
        if (campaignId.isEmpty()) {
            // the signature was removed (withdrawn, or never confirmed and deleted): nothing is sent to it anyway
            state = "GONE";
        }
        // the title as the public sees it, a moment old at most: no second read per view
        Optional<Campaign> campaign = campaignId.flatMap(campaigns::byId);
        Lang lang = languages.lang(request);
        return HttpResponse.ok(new ModelAndView<>("unsubscribe", new UnsubscribePage(state, token,
                campaign.map(c -> c.title(lang)).orElse(null))));
    }

    /**
     * The unsubscribe link's page, in the link's state: READY, DONE, GONE or UNKNOWN. One render per
     * campaign, state and language, with the link's token stamped in per view ({@link SharedPage}).
     */
    @Introspected
    record UnsubscribePage(String state, String token, @Nullable String title) implements SharedPage {

        /** What the render shows besides the token. */
        record Shared(String state, @Nullable String title) {
        }

        @Override
        public Object sharedRender() {
            return SharedPage.needsNoEncoding(token) ? new Shared(state, title) : null;
        }

        @Override
        public List<String> stamped() {
            return List.of("token");
        }
    }
}
