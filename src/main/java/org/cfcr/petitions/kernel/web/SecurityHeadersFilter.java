package org.cfcr.petitions.kernel.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.cfcr.petitions.kernel.i18n.LanguageResolver;

/**
 * Headers for every response: no script or style from anywhere but here, no framing, no referrer
 * that could tell another site which campaign a visitor came from. The widget and the badge are
 * the exception: any site may frame or show them, and they are cached like the public API.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter implements Ordered {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    /** The same policy, but any site may frame the widget. */
    static final String EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *")
            .replace("form-action 'self'", "form-action 'none'");

    private final boolean https;

    SecurityHeadersFilter(PublicLinks links) {
        this.https = links.isHttps();
    }

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        String path = request.getPath();
        if (https) {
            // served over TLS (PUBLIC_BASE_URL is https): browsers must never fall back to plain HTTP
            headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (Embeddable.isEmbeddable(path)) {
            headers.set("Content-Security-Policy", EMBED_CSP);
            headers.set("Cross-Origin-Resource-Policy", "cross-origin");
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set(HttpHeaders.REFERRER_POLICY, "no-referrer");
            headers.remove(HttpHeaders.SET_COOKIE);
            if (response.status().getCode() == 200 && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
                headers.set(HttpHeaders.CACHE_CONTROL, "public, max-age=5, stale-while-revalidate=60, stale-if-error=600");
            }
            return;
        }
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        if (!headers.contains(HttpHeaders.REFERRER_POLICY)) {
            headers.set(HttpHeaders.REFERRER_POLICY, "no-referrer");
        }
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!path.startsWith("/api/") && !headers.contains(HttpHeaders.CACHE_CONTROL)) {
            // a page with a form carries this browser's CSRF token, and may echo what a signer
            // typed: never shared (responses that are the same for everyone, like the shared pages,
            // the list downloads and the static files, say so themselves)
            headers.set("Cache-Control", "private, no-store");
        } else if (isShared(headers) && setsCookieOfThisBrowser(response)) {
            // a cookie of this browser's must never be kept by a shared cache and handed to others
            headers.set(HttpHeaders.CACHE_CONTROL, "private, no-store");
        }
    }

    /** Outside the filters that set cookies (order 0), so that it sees every cookie a response sets. */
    @Override
    public int getOrder() {
        return -1;
    }

    private static boolean isShared(MutableHttpHeaders headers) {
        return headers.get(HttpHeaders.CACHE_CONTROL, String.class).map(value -> value.contains("public")).orElse(false);
    }

    /** Any cookie but the language one, which is the same for everyone who asks for that language. */
    private static boolean setsCookieOfThisBrowser(MutableHttpResponse<?> response) {
        return response.getCookies().names().stream().anyMatch(name -> !name.equals(LanguageResolver.COOKIE));
    }
}
