package org.cfcr.petitions.account;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SecretTokens;
import org.cfcr.petitions.kernel.secret.SharedSecrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * A browser that has signed in to an account before carries a signed cookie saying so. Failed
 * logins from such a browser are limited on their own, so an attacker who floods an account with
 * wrong passwords locks out only strangers, never the lead on their usual browser (OWASP's
 * "device cookie" answer to lockout abuse).
 */
@Singleton
public class KnownDevices {

    public static final String COOKIE = "known_device";

    private final SharedSecrets secrets;

    public KnownDevices(SharedSecrets secrets) {
        this.secrets = secrets;
    }

    /** A new cookie value for this account's email. */
    public String issue(String email) {
        String device = SecretTokens.newToken().substring(0, 22);
        String payload = encode(Accounts.normaliseEmail(email)) + "." + device;
        return payload + "." + sign(payload);
    }

    /** The device id, when the browser's cookie was issued for this email and is genuine. */
    public Optional<String> device(HttpRequest<?> request, String email) {
        Optional<String> value = request.getCookies().findCookie(COOKIE).map(Cookie::getValue);
        if (value.isEmpty() || value.get().length() > 600) {
            return Optional.empty();
        }
        String[] parts = value.get().split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        boolean genuine = MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII));
        boolean sameEmail = parts[0].equals(encode(Accounts.normaliseEmail(email)));
        return genuine && sameEmail ? Optional.of(parts[1]) : Optional.empty();
    }

    private static String encode(String email) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String payload) {
        return secrets.sign("known-device", payload);
    }
}
