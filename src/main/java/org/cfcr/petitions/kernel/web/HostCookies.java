package org.cfcr.petitions.kernel.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The cookies that carry a credential (the login session, the CSRF cookie, the known-device
 * cookie). Over TLS each is a {@code __Host-} cookie: a browser takes it only when it is Secure, has
 * Path=/ and no Domain, so no sibling subdomain and no network before HSTS can plant or overwrite it,
 * and it is read back under that name only (a cookie planted under the bare name is ignored).
 * <p>
 * On plain http (the embedded default, the tests) browsers refuse a {@code __Host-} cookie, which
 * must be Secure: there the same cookies go by their bare names, still Path=/ and without Domain, and
 * not Secure. Plain http is never a production setting, so nothing is protected there that https
 * would protect.
 */
@Singleton
public class HostCookies {

    static final String PREFIX = "__Host-";
    /**
     * The login session's cookie, which the account feature owns; named here so that the CSRF guard
     * can bind the admin pages' tokens to it.
     */
    public static final String SESSION = "session";

    private final boolean https;

    public HostCookies(PublicLinks links) {
        this.https = links.isHttps();
    }

    /** The name the cookie goes by here: {@code __Host-name} over https, the bare name on http. */
    public String name(String bareName) {
        return https ? PREFIX + bareName : bareName;
    }

    /** A new cookie: Path=/, no Domain, HttpOnly, Secure over https. */
    public Cookie of(String bareName, String value, SameSite sameSite) {
        return Cookie.of(name(bareName), value).path("/").httpOnly(true).secure(https).sameSite(sameSite);
    }

    /** The cookie's value in this request, read under its name here only. */
    public Optional<String> value(HttpRequest<?> request, String bareName) {
        return request.getCookies().findCookie(name(bareName)).map(Cookie::getValue);
    }
}
