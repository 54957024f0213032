package org.cfcr.petitions.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.cfcr.petitions.kernel.secret.SharedSecrets;
import org.cfcr.petitions.kernel.web.HostCookies;

import java.util.Optional;

/**
 * A browser that has signed in to an account before carries a signed cookie saying so. Failed
 * logins from such a browser are limited on their own, so an attacker who floods an account with
 * wrong passwords locks out only strangers, never the lead on their usual browser (OWASP's
 * "device cookie" answer to lockout abuse). The cookie names no one: it carries a keyed hash of the
 * account's email (under a shared signing key), a random device id and a signature,
 * so a browser's cookie jar read by someone else does not tell whose account it signs in to. Over
 * https it is {@code __Host-known_device} ({@link HostCookies}), so it is sent to every path of the
 * site (a {@code __Host-} cookie must have Path=/) but only with our own pages' requests
 * (SameSite=Strict), and read only at the sign-in.
 */
@Singleton
public class KnownDevices {

    public static final String COOKIE = "known_device";
    private static final String DEVICE_KEY = "known-device";
    private static final String ACCOUNT_KEY = "known-device-account";

    private final SharedSecrets secrets;
    private final HostCookies cookies;

    public KnownDevices(SharedSecrets secrets, HostCookies cookies) {
        this.secrets = secrets;
        this.cookies = cookies;
    }

    /** A new cookie for this account's email, to set at a successful sign-in. */
    Cookie cookie(String email) {
        return cookies.of(COOKIE, issue(email), SameSite.Strict);
    }

    /** A new cookie value for this account's email. */
    public String issue(String email) {
        String device = SecretTokens.newToken().substring(0, 22);
        String payload = accountMark(email) + "." + device;
        return payload + "." + sign(payload);
    }

    /** The device id, when the browser's cookie was issued for this email and is genuine. */
    public Optional<String> device(HttpRequest<?> request, String email) {
        Optional<String> value = cookies.value(request, COOKIE);
        if (value.isEmpty() || value.get().length() > 600) {
            return Optional.empty();
        }
        String[] parts = value.get().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        boolean genuine = secrets.verifies(DEVICE_KEY, payload, parts[2]);
        boolean sameEmail = secrets.verifies(ACCOUNT_KEY, Accounts.normaliseEmail(email), parts[0]);
        return genuine && sameEmail ? Optional.of(parts[1]) : Optional.empty();
    }

    /** Whose cookie it is, without saying it: the same for the same account, telling nothing without the key. */
    private String accountMark(String email) {
        return secrets.sign(ACCOUNT_KEY, Accounts.normaliseEmail(email));
    }

    private String sign(String payload) {
        return secrets.sign(DEVICE_KEY, payload);
    }
}
