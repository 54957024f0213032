package org.cfcr.petitions.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers for every response: no script or style from anywhere but here, no framing, no referrer
 * that could tell another site which campaign a visitor came from.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "object-src 'none'";

    @ResponseFilter
    void addHeaders(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Frame-Options", "DENY");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        String path = request.getPath();
        if (path.startsWith("/static/")) {
            headers.set("Cache-Control", "public, max-age=3600");
        } else if (!path.startsWith("/api/")) {
            // pages carry this browser's CSRF token and may echo what a signer typed: never shared
            headers.set("Cache-Control", "private, no-store");
        }
    }
}
