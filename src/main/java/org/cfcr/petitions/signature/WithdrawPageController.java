package org.cfcr.petitions.signature;

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
import org.cfcr.petitions.campaign.CampaignViews;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;
import org.cfcr.petitions.kernel.web.PageException;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The page behind "remove my signature" in our emails. As with confirmation, opening the link
 * only shows a button (mail scanners open links); the button's POST removes the signature.
 */
@Hidden // a page, not part of the API
@Controller("/withdraw/{token}")
@ExecuteOn(TaskExecutors.BLOCKING)
class WithdrawPageController {

    private final WithdrawalService withdrawals;
    private final CampaignViews views;
    private final LanguageResolver languages;

    WithdrawPageController(WithdrawalService withdrawals, CampaignViews views, LanguageResolver languages) {
        this.withdrawals = withdrawals;
        this.views = views;
        this.languages = languages;
    }

    @Get
    @View("withdraw")
    Map<String, Object> show(String token, @QueryValue(defaultValue = "") String done, HttpRequest<?> request) {
        if ("1".equals(done)) {
            return page(token, WithdrawalService.State.WITHDRAWN_NOW, null, request);
        }
        WithdrawalService.Result result = withdrawals.inspect(token);
        return page(token, result.state(), result.campaign(), request);
    }

    @Post
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> withdraw(String token, HttpRequest<?> request) {
        WithdrawalService.Result result = withdrawals.withdraw(token);
        if (result.state() == WithdrawalService.State.WITHDRAWN_NOW) {
            return HttpResponse.seeOther(URI.create("/withdraw/" + token + "?done=1"));
        }
        // unknown, or removed already: page() answers 404 with the explanation
        return HttpResponse.ok(page(token, WithdrawalService.State.UNKNOWN, null, request));
    }

    private Map<String, Object> page(String token, WithdrawalService.State state, Campaign campaign,
                                     HttpRequest<?> request) {
        Map<String, Object> model = new HashMap<>();
        model.put("state", state.name());
        model.put("token", token);
        if (campaign != null) {
            model.put("campaign", views.of(campaign, languages.lang(request)));
        }
        if (state == WithdrawalService.State.UNKNOWN) {
            throw new PageException(HttpStatus.NOT_FOUND, "withdraw", model);
        }
        return model;
    }
}
