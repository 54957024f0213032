package org.cfcr.petitions.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Public API reads for crowds and CDNs: a few seconds of shared caching, stale answers while a
 * fresh one is fetched or when the service fails, an ETag that turns a repeat request into a 304,
 * and reads from any origin (no credentials involved). Texts depend only on the URL ({@code ?lang=}),
 * so one cache entry per URL is right.
 */
@ServerFilter({"/api/v1/**", "/badge/**"})
class PublicReadCaching {

    static final String CACHE_CONTROL = "public, max-age=2, stale-while-revalidate=30, stale-if-error=600";

    private final JsonMapper json;
    // bodies are immutable records and lists of them, equal when their JSON is: the crowd reading
    // one count shares one ETag instead of each request serialising and hashing the body again
    // (a few hundred, briefly, and weighed: a history body of 1,500 points is 150 kB a key, which
    // 256 distinct ranges would have made 38 MB of a 256 MB heap)
    private final Cache<Object, String> etags = Caffeine.newBuilder().maximumWeight(256)
            .weigher((Object body, String etag) -> body instanceof CountHistoryController.Series series
                    ? 1 + series.points().size() / 50 : 1)
            .expireAfterWrite(Duration.ofSeconds(30)).build();

    PublicReadCaching(JsonMapper json) {
        this.json = json;
    }

    @ResponseFilter
    void cache(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
            return;
        }
        if (request.getHeaders().contains(HttpHeaders.AUTHORIZATION)) {
            // a lead's own data (exports): never shared, never cached, not readable by other sites
            response.header(HttpHeaders.CACHE_CONTROL, "private, no-store");
            return;
        }
        response.header(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.header(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "ETag");
        if (response.status() != HttpStatus.OK || response.getBody().isEmpty() || isStream(response)
                || response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            // a controller that chose its own caching (a form token is new on every call) keeps it
            return;
        }
        response.header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        Object body = response.getBody().get();
        String etag = body instanceof Record || body instanceof List<?> ? etags.get(body, this::etagOf) : etagOf(body);
        if (etag == null) {
            return;
        }
        response.header(HttpHeaders.ETAG, etag);
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.status(HttpStatus.NOT_MODIFIED);
            response.body(null);
        }
    }

    private static boolean isStream(MutableHttpResponse<?> response) {
        return response.getContentType().map(type -> type.getName().startsWith("text/event-stream")).orElse(false);
    }

    private String etagOf(Object body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(body));
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12)) + "\"";
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String opaque = etag.substring(2);
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
