package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.SameSite;

/**
 * Gives a browser without a CSRF cookie a new one along with the page whose forms use it. The
 * cookie is made when a page first asks for this browser's token ({@link CsrfGuard#formToken}, while
 * the page renders, before this filter's turn on the way out): a page without such a form, which a
 * shared cache may keep, sets no cookie.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class CsrfCookieFilter {

    private final HostCookies cookies;

    CsrfCookieFilter(HostCookies cookies) {
        this.cookies = cookies;
    }

    @ResponseFilter
    void sendNewCookie(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(CsrfGuard.NEW_COOKIE_ATTRIBUTE, String.class).ifPresent(value ->
                response.cookie(cookies.of(CsrfGuard.COOKIE, value, SameSite.Lax)));
    }
}
