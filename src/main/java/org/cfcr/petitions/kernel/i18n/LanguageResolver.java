package org.cfcr.petitions.kernel.i18n;

import com.github.benmanes.caffeine.cache.LoadingCache;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.server.util.locale.CompositeHttpLocaleResolver;
import io.micronaut.http.server.util.locale.HttpLocaleResolver;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.web.Embeddable;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the page language: {@code ?lang=en|zh|zh-Hant} first, then the {@value #COOKIE} cookie that
 * remembers it, then the browser's Accept-Language, else English; under /api/ only {@code ?lang=}
 * counts. Thymeleaf's {@code #{...}}
 * messages and our controllers both ask this resolver, so a page never mixes languages.
 * A request asks several times (filters, controller, template), so its answer is kept on the request;
 * browsers send a handful of distinct Accept-Language strings, so their parse is kept too.
 */
@Singleton
@Primary
@Replaces(CompositeHttpLocaleResolver.class)
public class LanguageResolver implements HttpLocaleResolver {

    public static final String COOKIE = "lang";
    public static final String PARAM = "lang";
    private static final String ATTRIBUTE = LanguageResolver.class.getName();

    private final LoadingCache<String, Optional<Lang>> acceptLanguages = Caches.builder()
            .maximumSize(1_000).build(LanguageResolver::parseAcceptLanguage);

    public Lang lang(HttpRequest<?> request) {
        Optional<Lang> known = request.getAttribute(ATTRIBUTE, Lang.class);
        if (known.isPresent()) {
            return known.get();
        }
        Lang lang = choose(request);
        request.setAttribute(ATTRIBUTE, lang);
        return lang;
    }

    private Lang choose(HttpRequest<?> request) {
        if (request.getPath().startsWith("/api/") || Embeddable.isEmbeddable(request.getPath())) {
            // API answers and the widget depend on the URL alone, so that shared caches keep one copy per URL
            return fromQuery(request).orElse(Lang.EN);
        }
        return fromQuery(request)
                .or(() -> fromCookie(request))
                .or(() -> fromAcceptLanguageHeader(request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE)))
                .orElse(Lang.EN);
    }

    public Optional<Lang> fromQuery(HttpRequest<?> request) {
        return Lang.fromCode(request.getParameters().get(PARAM));
    }

    private static Optional<Lang> fromCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue).flatMap(Lang::fromCode);
    }

    private Optional<Lang> fromAcceptLanguageHeader(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return Optional.empty();
        }
        return acceptLanguages.get(header);
    }

    private static Optional<Lang> parseAcceptLanguage(String header) {
        try {
            return Locale.LanguageRange.parse(header).stream()
                    .filter(range -> range.getWeight() > 0)
                    .sorted(Comparator.comparingDouble(Locale.LanguageRange::getWeight).reversed())
                    .map(range -> Lang.fromCode(range.getRange()))
                    .flatMap(Optional::stream)
                    .findFirst();
        } catch (IllegalArgumentException malformedHeader) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<Locale> resolve(HttpRequest<?> request) {
        return Optional.of(lang(request).locale());
    }

    @Override
    public Locale resolveOrDefault(HttpRequest<?> request) {
        return lang(request).locale();
    }
}
