package org.cfcr.petitions.api;

import com.github.benmanes.caffeine.cache.Cache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.web.Gzip;

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
 * each body serialised and gzipped once for everyone who reads it (Vary: Accept-Encoding), and
 * reads from any origin (no credentials involved). Texts depend only on the URL ({@code ?lang=}),
 * so one cache entry per URL is right.
 */
@ServerFilter({"/api/v1/**", "/badge/**"})
class PublicReadCaching {

    static final String CACHE_CONTROL = "public, max-age=2, stale-while-revalidate=30, stale-if-error=600";

    /** Bodies shorter than this go as they are: gzip would save a few bytes and cost a header. */
    static final int GZIP_FROM = 512;

    /** A body as the crowd gets it: its validator, its JSON and the JSON gzipped, made once. */
    record Encoded(String etag, byte[] json, @Nullable byte[] gzipped) {
    }

    private final JsonMapper json;
    // bodies are immutable records and lists of them, equal when their JSON is: the crowd reading
    // one count shares one encoding instead of each request serialising, hashing and compressing the
    // body again (a few hundred, briefly, and weighed: a history body of 1,500 points is 150 kB a
    // key, which 256 distinct ranges would have made 38 MB of a 256 MB heap)
    private final Cache<Object, Encoded> encodings = Caches.builder().maximumWeight(256)
            .weigher((Object body, Encoded encoded) -> 1 + (encoded.json().length
                    + (encoded.gzipped() == null ? 0 : encoded.gzipped().length)) / 3000)
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
        boolean json = body instanceof Record || body instanceof List<?>;
        Encoded encoded = json ? encodings.get(body, this::encode) : null;
        String etag = encoded != null ? encoded.etag() : etagOf(body);
        if (etag == null) {
            return;
        }
        response.header(HttpHeaders.ETAG, etag);
        if (encoded != null && encoded.gzipped() != null) {
            Gzip.vary(response); // on a 304 too, as the 200 would say
        }
        if (matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.status(HttpStatus.NOT_MODIFIED);
            response.body(null);
        } else if (encoded != null) {
            send(encoded, request, response);
        }
    }

    private static void send(Encoded encoded, HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getContentType().isEmpty()) {
            response.contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        Gzip.send(request, response, encoded::json, encoded.gzipped() == null ? null : encoded::gzipped);
    }

    @Nullable
    private Encoded encode(Object body) {
        try {
            byte[] bytes = json.writeValueAsBytes(body);
            return new Encoded(etagOf(bytes), bytes, bytes.length >= GZIP_FROM ? Gzip.compress(bytes) : null);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isStream(MutableHttpResponse<?> response) {
        return response.getContentType().map(type -> type.getName().startsWith("text/event-stream")).orElse(false);
    }

    @Nullable
    private String etagOf(Object body) {
        try {
            return etagOf(json.writeValueAsBytes(body));
        } catch (IOException e) {
            return null;
        }
    }

    private static String etagOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
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
