package org.cfcr.petitions.account.factor;

import com.google.common.io.BaseEncoding;
import com.google.common.net.UrlEscapers;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Account;
import org.cfcr.petitions.kernel.secret.PersonalDataCipher;
import org.cfcr.petitions.kernel.web.PublicLinks;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Adding an authenticator app. The new secret travels in the form, sealed for this account with
 * the time it was made, so that no node keeps half-added factors: the app is added once the person
 * types a code it shows, within {@link #PENDING_LIFE}.
 */
@Singleton
public class TotpEnrolment {

    static final Duration PENDING_LIFE = Duration.ofMinutes(30);
    private static final BaseEncoding BASE32 = BaseEncoding.base32().omitPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PersonalDataCipher cipher;
    private final Clock clock;
    private final String issuer;

    TotpEnrolment(PersonalDataCipher cipher, Clock clock, PublicLinks links) {
        this.cipher = cipher;
        this.clock = clock;
        this.issuer = URI.create(links.link("/")).getHost();
    }

    /**
     * A new secret: sealed for the form, in base32 for typing into an app, and as the
     * {@code otpauth://} address a QR code carries.
     */
    public record Pending(String sealed, String base32, String otpauthUri) {
    }

    public Pending start(Account account) {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        String sealed = cipher.seal(Base64.getEncoder().encodeToString(secret) + "|" + Instant.now(clock).getEpochSecond(),
                context(account.id()));
        String base32 = BASE32.encode(secret);
        String label = UrlEscapers.urlPathSegmentEscaper().escape(issuer + ":" + account.email());
        String uri = "otpauth://totp/" + label + "?secret=" + base32 + "&issuer="
                + UrlEscapers.urlFormParameterEscaper().escape(issuer) + "&algorithm=SHA1&digits=6&period=30";
        return new Pending(sealed, spaced(base32), uri);
    }

    /** The secret sealed in the form, if it was made for this account and not too long ago. */
    Optional<byte[]> secret(long accountId, String sealed) {
        if (sealed == null || sealed.length() > 500) {
            return Optional.empty();
        }
        try {
            String[] parts = cipher.open(sealed, context(accountId), cipher.keyId()).split("\\|");
            Instant made = Instant.ofEpochSecond(Long.parseLong(parts[1]));
            if (made.isBefore(Instant.now(clock).minus(PENDING_LIFE))) {
                return Optional.empty();
            }
            return Optional.of(Base64.getDecoder().decode(parts[0]));
        } catch (RuntimeException tamperedOrForeign) {
            return Optional.empty();
        }
    }

    private static String context(long accountId) {
        return "totp-enrolment:" + accountId;
    }

    /** In groups of four, as apps ask it to be typed. */
    private static String spaced(String base32) {
        return String.join(" ", com.google.common.base.Splitter.fixedLength(4).split(base32));
    }
}
