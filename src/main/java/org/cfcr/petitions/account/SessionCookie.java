package org.cfcr.petitions.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.web.HostCookies;

import java.util.Optional;

/**
 * The login session's cookie: {@code __Host-session} over https ({@link HostCookies}: Secure,
 * Path=/, no Domain, so no sibling subdomain can plant or replace it), HttpOnly, SameSite=Lax (a
 * link from an email to an admin page still arrives signed in; no GET changes anything, and every
 * form is checked for its origin and its session-bound token).
 */
@Singleton
class SessionCookie {

    private final HostCookies cookies;

    SessionCookie(HostCookies cookies) {
        this.cookies = cookies;
    }

    Optional<String> token(HttpRequest<?> request) {
        return cookies.value(request, Sessions.COOKIE);
    }

    Cookie of(String token) {
        return cookies.of(Sessions.COOKIE, token, SameSite.Lax).maxAge(Sessions.LIFETIME);
    }

    Cookie cleared() {
        return cookies.of(Sessions.COOKIE, "", SameSite.Lax).maxAge(0);
    }
}
