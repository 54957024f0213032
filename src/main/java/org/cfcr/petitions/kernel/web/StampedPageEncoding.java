package org.cfcr.petitions.kernel.web;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

/**
 * Sends a {@link StampedPage} as bytes: gzipped from its parts deflated once to browsers that take
 * gzip (the server's own compressor leaves a response that already has its encoding), plain UTF-8
 * to the others. It runs outside the views filter, which is where the page becomes the body.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class StampedPageEncoding implements Ordered {

    /** As old as the count on it may be anyway; a second keeps a crowd's page views off the service. */
    static final String SHARED = "public, max-age=1";

    @Override
    public int getOrder() {
        return ServerFilterPhase.RENDERING.before();
    }

    @ResponseFilter
    void encode(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (!(response.body() instanceof StampedPage page)) {
            return;
        }
        // The same for every visitor (SharedPage): a shared cache in front may keep it for a moment,
        // one copy per address, language cookie and Accept-Language (deploy/nginx.conf keys on the
        // cookie; Vary: Cookie would split caches by every cookie). The widget's language is in its
        // address alone, and SecurityHeadersFilter gives it the public API's longer caching.
        // An error (a wrong address, a refusal, a moment of trouble) is not kept: the next visitor
        // must be asked again, and a refusal such as "too many attempts" is one visitor's.
        // A page with someone's details or a browser's token stamped in is that visitor's alone.
        if (response.status() == HttpStatus.OK && page.isSameForEveryone()
                && !Embeddable.isEmbeddable(request.getPath())) {
            response.header(HttpHeaders.CACHE_CONTROL, SHARED);
            response.getHeaders().set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE);
        }
        Gzip.send(request, response, page::bytes, page::gzipped);
    }
}
