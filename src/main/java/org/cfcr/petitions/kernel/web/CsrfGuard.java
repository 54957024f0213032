package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed double-submit CSRF protection, stateless across nodes. Each browser gets a random
 * {@value #COOKIE} cookie ({@code __Host-csrf} over https, {@link HostCookies}); forms carry an HMAC
 * of it under a shared signing key ({@link SharedSecrets}). A site that cannot read our cookie cannot produce
 * the token, and one that plants a cookie (from a sibling domain) still cannot sign it.
 * <p>
 * On the admin pages the token is also bound to the login session: the HMAC covers the hash of the
 * session cookie the request carries, so a token read from one session (or from the signed-out
 * sign-in page) works in no other session, even with the same CSRF cookie. The page that shows a
 * form and the POST that sends it carry the same cookies, so both compute the same binding; after
 * signing in or out, forms shown before must be reloaded. Public forms stay bound to the CSRF
 * cookie only: a signer needs no session.
 * <p>
 * Micronaut Security's CSRF module was weighed and not used: its filter lets through any content
 * type it does not list (a cross-site {@code text/plain} form), reads no multipart field (the trace
 * page's upload), takes its HMAC key as a fixed setting instead of our shared keys, needs an HTTP
 * session resolver we would write anyway, and refuses through the authorization handler, which
 * would send a signed-in lead to the sign-in page instead of saying what happened.
 */
@Singleton
public class CsrfGuard {

    public static final String COOKIE = "csrf";
    public static final String FIELD = "csrfToken";
    static final String NEW_COOKIE_ATTRIBUTE = CsrfGuard.class.getName() + ".newCookie";
    private static final Pattern COOKIE_SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String KEY = "csrf";

    private final SharedSecrets secrets;
    private final HostCookies cookies;

    public CsrfGuard(SharedSecrets secrets, HostCookies cookies) {
        this.secrets = secrets;
        this.cookies = cookies;
    }

    /** The browser's CSRF cookie value, creating one (sent back by {@link CsrfCookieFilter}) if it has none. */
    String cookieValue(HttpRequest<?> request) {
        Optional<String> existing = existingCookie(request);
        if (existing.isPresent()) {
            return existing.get();
        }
        Optional<String> created = request.getAttribute(NEW_COOKIE_ATTRIBUTE, String.class);
        if (created.isPresent()) {
            return created.get();
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        request.setAttribute(NEW_COOKIE_ATTRIBUTE, value);
        return value;
    }

    /** The token to put in this request's forms. */
    public String formToken(HttpRequest<?> request) {
        return sign(bound(request, cookieValue(request)));
    }

    /** Whether a form's token belongs to this browser's cookie. */
    boolean accepts(HttpRequest<?> request, @Nullable String submittedToken) {
        Optional<String> cookie = existingCookie(request);
        if (cookie.isEmpty() || submittedToken == null || submittedToken.length() > 100) {
            return false;
        }
        return secrets.verifies(KEY, bound(request, cookie.get()), submittedToken);
    }

    private Optional<String> existingCookie(HttpRequest<?> request) {
        return cookies.value(request, COOKIE).filter(value -> COOKIE_SHAPE.matcher(value).matches());
    }

    /**
     * What the token signs: the CSRF cookie, and on the admin pages the hash of the session cookie
     * (when there is one). The two shapes cannot be confused: a bare cookie value has no dot.
     */
    private String bound(HttpRequest<?> request, String csrfCookie) {
        if (!request.getPath().startsWith("/admin")) {
            return csrfCookie;
        }
        Optional<String> session = cookies.value(request, HostCookies.SESSION).filter(value -> value.length() <= 100);
        return session.map(value -> csrfCookie + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(SecretTokens.hash(value))).orElse(csrfCookie);
    }

    private String sign(String cookieValue) {
        return secrets.sign(KEY, cookieValue);
    }
}
