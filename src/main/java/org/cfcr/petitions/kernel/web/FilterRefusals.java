package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.web.router.RouteAttributes;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;

/**
 * The answer of a filter that turns a request away, the same a controller's refusal gets from
 * {@link ErrorController}: a page in the visitor's language, or JSON under /api/. A filter answers
 * with a response rather than throwing, because an exception thrown by a filter never reaches the
 * views filter that renders pages; and the response carries the request's route, by which the
 * views filter decides to render it.
 */
@Singleton
public class FilterRefusals {

    private final ApiErrors apiErrors;
    private final LanguageResolver languages;

    FilterRefusals(ApiErrors apiErrors, LanguageResolver languages) {
        this.apiErrors = apiErrors;
        this.languages = languages;
    }

    public MutableHttpResponse<?> of(HttpRequest<?> request, DomainException refusal) {
        return of(request, refusal.status(), refusal.messageKey(), refusal.campaign(languages.lang(request)));
    }

    MutableHttpResponse<?> of(HttpRequest<?> request, HttpStatus status, String messageKey,
                              @Nullable ErrorPage.CampaignLink campaign) {
        MutableHttpResponse<?> response = ErrorController.respond(apiErrors, request, status, messageKey, campaign);
        RouteAttributes.getRouteMatch(request).ifPresent(route -> RouteAttributes.setRouteMatch(response, route));
        return response;
    }
}
