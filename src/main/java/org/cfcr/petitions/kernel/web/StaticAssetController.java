package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Optional;

/**
 * Serves {@link StaticAssets} from memory: gzipped once for browsers that take it, a year's
 * lifetime under a fingerprinted name, five minutes under the plain one, 304 for a copy still good.
 */
@Controller("/static")
@Secured(SecurityRule.IS_ANONYMOUS)
class StaticAssetController {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String SHORT = "public, max-age=300";

    private final StaticAssets assets;

    StaticAssetController(StaticAssets assets) {
        this.assets = assets;
    }

    @Get("/{file}")
    MutableHttpResponse<?> file(String file, HttpRequest<?> request,
                                @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<StaticAssets.Requested> requested = assets.find(file);
        if (requested.isEmpty()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND).body("Not found");
        }
        StaticAssets.Asset asset = requested.get().asset();
        MutableHttpResponse<Object> response;
        if (ifNoneMatch != null && ifNoneMatch.contains(asset.etag())) {
            response = HttpResponse.status(HttpStatus.NOT_MODIFIED);
            Gzip.vary(response);
        } else {
            response = HttpResponse.ok().contentType(asset.type());
            Gzip.send(request, response, asset::plain,
                    asset.gzipped().length < asset.plain().length ? asset::gzipped : null);
        }
        return response.header(HttpHeaders.ETAG, asset.etag())
                .header(HttpHeaders.CACHE_CONTROL, requested.get().immutable() ? IMMUTABLE : SHORT);
    }
}
