package org.cfcr.petitions.kernel.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signed double-submit CSRF protection, stateless across nodes. Each browser gets a random
 * {@value #COOKIE} cookie; forms carry an HMAC of it under a shared signing key ({@link SharedSecrets}). A
 * site that cannot read our cookie cannot produce the token, and one that plants a cookie (from a
 * sibling domain) still cannot sign it.
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

    public CsrfGuard(SharedSecrets secrets) {
        this.secrets = secrets;
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
        return sign(cookieValue(request));
    }

    /** Whether a form's token belongs to this browser's cookie. */
    boolean accepts(HttpRequest<?> request, @Nullable String submittedToken) {
        Optional<String> cookie = existingCookie(request);
        if (cookie.isEmpty() || submittedToken == null || submittedToken.length() > 100) {
            return false;
        }
        return secrets.verifies(KEY, cookie.get(), submittedToken);
    }

    private static Optional<String> existingCookie(HttpRequest<?> request) {
        return request.getCookies().findCookie(COOKIE).map(Cookie::getValue)
                .filter(value -> COOKIE_SHAPE.matcher(value).matches());
    }

    private String sign(String cookieValue) {
        return secrets.sign(KEY, cookieValue);
    }
}
