package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a form was sent from one of our own pages, by what the browser says of it: a request
 * another site's page makes cannot hide that it comes from there. Checked on every form POST
 * besides its CSRF token ({@link CsrfFilter}), so a cross-site form is refused even if its token
 * leaked.
 * <ul>
 *   <li>{@code Sec-Fetch-Site} (every current browser) decides when present: {@code same-origin},
 *   or {@code none} (the person's own action, such as sending a form again on reload), passes;
 *   {@code same-site} (a sibling subdomain, which could plant cookies) and {@code cross-site} do not.</li>
 *   <li>Else {@code Origin}: it must be the origin of PUBLIC_BASE_URL, or name the host the request
 *   was sent to (a proxy in front may keep the public host in {@code Host}); over https, only an
 *   https origin.</li>
 *   <li>{@code Origin: null}, or neither header, tells nothing, and the CSRF token alone decides
 *   (the sign form, which has no token, needs more: {@link #confirms}). Our pages but the campaign
 *   page say {@code Referrer-Policy: no-referrer}, under which browsers send {@code Origin: null}
 *   with every form POST, our own included; a browser too old to send {@code Sec-Fetch-Site}
 *   (Safari before 16.4, still on old iPhones that signers use) says no more than that. Scripts
 *   send neither, and a site cannot make them send our cookies.</li>
 * </ul>
 * The widget other sites frame ({@code /embed/...}) holds no form; a form inside it would be
 * same-origin anyway, since the framed page is ours.
 */
@Singleton
class SameOriginPolicy {

    static final String SEC_FETCH_SITE = "Sec-Fetch-Site";

    private final String publicOrigin;
    private final boolean https;

    SameOriginPolicy(PublicLinks links) {
        this.publicOrigin = origin(URI.create(links.link("/")));
        this.https = links.isHttps();
    }

    /**
     * Whether the browser says, in so many words, that the form came from our own page: a
     * {@code Sec-Fetch-Site} of {@code same-origin} (or {@code none}, the person's own action), or,
     * from a browser without it, an {@code Origin} that is ours. For forms with no token of their
     * own ({@link OriginCheckedForm}); a page with such a form must let its browser send its origin
     * (a Referrer-Policy other than no-referrer).
     */
    boolean confirms(HttpRequest<?> request) {
        if (request.getHeaders().contains(SEC_FETCH_SITE)) {
            return allows(request);
        }
        Optional<String> origin = request.getHeaders().get(HttpHeaders.ORIGIN, String.class)
                .map(String::strip).filter(value -> !value.equals("null"));
        return origin.isPresent() && isOurs(origin.get(), request.getHeaders().get(HttpHeaders.HOST, String.class).orElse(null));
    }

    boolean allows(HttpRequest<?> request) {
        Optional<String> fetchSite = request.getHeaders().get(SEC_FETCH_SITE, String.class);
        if (fetchSite.isPresent()) {
            String site = fetchSite.get().strip().toLowerCase(Locale.ROOT);
            return site.equals("same-origin") || site.equals("none");
        }
        Optional<String> origin = request.getHeaders().get(HttpHeaders.ORIGIN, String.class)
                .filter(value -> !value.strip().equals("null"));
        return origin.isEmpty() || isOurs(origin.get().strip(), request.getHeaders().get(HttpHeaders.HOST, String.class).orElse(null));
    }

    private boolean isOurs(String origin, @Nullable String host) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (java.net.URISyntaxException notAnOrigin) {
            return false;
        }
        if (uri.getScheme() == null || uri.getHost() == null || (https && !uri.getScheme().equalsIgnoreCase("https"))) {
            return false;
        }
        if (origin(uri).equals(publicOrigin)) {
            return true;
        }
        return host != null && authority(uri).equals(host.strip().toLowerCase(Locale.ROOT));
    }

    private static String origin(URI uri) {
        return (uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT)) + "://" + authority(uri);
    }

    /** host[:port] as a Host header gives it: without the scheme's default port. */
    private static String authority(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
        return defaultPort ? host : host + ":" + port;
    }
}
