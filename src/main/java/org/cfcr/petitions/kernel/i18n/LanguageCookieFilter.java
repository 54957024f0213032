package org.cfcr.petitions.kernel.i18n;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import org.cfcr.petitions.kernel.web.Embeddable;
import org.cfcr.petitions.kernel.web.PublicLinks;

import java.time.Duration;

/** Remembers a language picked with {@code ?lang=} so the following pages keep it. */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class LanguageCookieFilter {

    private final LanguageResolver languages;
    private final boolean secure;

    LanguageCookieFilter(LanguageResolver languages, PublicLinks links) {
        this.languages = languages;
        this.secure = links.isHttps();
    }

    @ResponseFilter
    void remember(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getPath().startsWith("/api/") || Embeddable.isEmbeddable(request.getPath())) {
            return;
        }
        languages.fromQuery(request).ifPresent(lang -> response.cookie(Cookie.of(LanguageResolver.COOKIE, lang.code())
                .path("/")
                .httpOnly(true)
                .secure(secure)
                .sameSite(SameSite.Lax)
                .maxAge(Duration.ofDays(365))));
    }
}
