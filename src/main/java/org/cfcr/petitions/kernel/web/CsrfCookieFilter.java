package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.SameSite;

/** Gives a browser without a CSRF cookie a new one along with the page whose forms use it. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class CsrfCookieFilter {

    private final HostCookies cookies;
    private final CsrfGuard csrf;

    CsrfCookieFilter(HostCookies cookies, CsrfGuard csrf) {
        this.cookies = cookies;
        this.csrf = csrf;
    }

    /** Decided before the page renders, so the forms and the cookie agree whatever the filter order. */
    @RequestFilter
    void prepareCookie(HttpRequest<?> request) {
        String path = request.getPath();
        if (request.getMethod() == HttpMethod.GET && !path.startsWith("/api/") && !path.startsWith("/static/")
                && !Embeddable.isEmbeddable(path)) {
            csrf.cookieValue(request);
        }
    }

    @ResponseFilter
    void sendNewCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(CsrfGuard.NEW_COOKIE_ATTRIBUTE, String.class).ifPresent(value ->
                response.cookie(cookies.of(CsrfGuard.COOKIE, value, SameSite.Lax)));
    }
}
