package org.cfcr.petitions.signature;

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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignView;
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.net.TrustedProxyAddressResolver;
import org.cfcr.petitions.kernel.web.CsrfGuard;
import org.cfcr.petitions.kernel.web.PageException;
import org.cfcr.petitions.kernel.web.SharedPage;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The page behind "remove my signature" in our emails. As with confirmation, opening the link
 * only shows a button (mail scanners open links); the button's POST removes the signature.
 */
@Hidden // a page, not part of the API
@Controller("/withdraw/{token}")
// the page's view hands its read in on the event loop and is made on the page threads once read
// (LinkPageReads); the button waits for its commit on the blocking executor
class WithdrawPageController {

    private final WithdrawalService withdrawals;
    private final CampaignViews views;
    private final LanguageResolver languages;
    private final TrustedProxyAddressResolver clients;
    private final LinkPageReads.Reader<String, WithdrawalService.Result> pages;

    WithdrawPageController(WithdrawalService withdrawals, CampaignViews views, LanguageResolver languages,
                           TrustedProxyAddressResolver clients, LinkPageReads reads) {
        this.withdrawals = withdrawals;
        this.clients = clients;
        this.pages = reads.reader("withdraw-pages", withdrawals::inspectAll);
        this.views = views;
        this.languages = languages;
    }

    @Get
    @View("withdraw")
    CompletableFuture<WithdrawPage> show(String token, @QueryValue(defaultValue = "") String done, HttpRequest<?> request) {
        if ("1".equals(done)) {
            return CompletableFuture.completedFuture(page(token, WithdrawalService.State.WITHDRAWN_NOW, null, request));
        }
        // a made-up link of the wrong shape takes no place among the views waiting for the database
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return CompletableFuture.completedFuture(page(token, WithdrawalService.State.UNKNOWN, null, request));
        }
        return pages.readThen(token, clients.client(request).orElse(null),
                result -> page(token, result.state(), result.campaign(), request));
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> withdraw(String token, HttpRequest<?> request) {
        WithdrawalService.Result result = withdrawals.withdraw(token);
        if (result.state() == WithdrawalService.State.WITHDRAWN_NOW) {
            return HttpResponse.seeOther(URI.create("/withdraw/" + token + "?done=1"));
        }
        // unknown, or removed already: page() answers 404 with the explanation
        return HttpResponse.ok(page(token, WithdrawalService.State.UNKNOWN, null, request));
    }

    /**
     * The withdrawal link's page, in the link's state: one render per campaign, state and language,
     * with the link's token and the browser's CSRF token stamped in per view ({@link SharedPage}).
     */
    @Introspected
    record WithdrawPage(String state, String token, @Nullable CampaignView campaign) implements SharedPage {

        /** What the render shows besides the stamps. */
        record Shared(String state, @Nullable CampaignView campaign) {
        }

        @Override
        public Object sharedRender() {
            // the page after the button keeps ?done=1 in its language switch, which a shared switch would not
            boolean done = WithdrawalService.State.WITHDRAWN_NOW.name().equals(state);
            return !done && SharedPage.needsNoEncoding(token) ? new Shared(state, campaign) : null;
        }

        @Override
        public List<String> stamped() {
            return List.of("token", CsrfGuard.FIELD);
        }
    }

    private WithdrawPage page(String token, WithdrawalService.State state, @Nullable Campaign campaign,
                              HttpRequest<?> request) {
        WithdrawPage page = new WithdrawPage(state.name(), token,
                campaign == null ? null : views.of(campaign, languages.lang(request)));
        if (state == WithdrawalService.State.UNKNOWN) {
            throw new PageException(HttpStatus.NOT_FOUND, "withdraw", page);
        }
        return page;
    }
}
