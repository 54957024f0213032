package org.cfcr.petitions.account.factor;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import jakarta.inject.Singleton;

import java.security.InvalidKeyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;

/**
 * Codes from an authenticator app (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps, as every app
 * expects), computed by java-otp. A code is accepted from the step before to the step after the
 * server's time, for clocks a little apart, and each step only once per factor.
 */
@Singleton
public class Totp {

    static final Duration STEP = Duration.ofSeconds(30);
    private static final Pattern SHAPE = Pattern.compile("[0-9]{6}");

    private final SecondFactors factors;
    private final Clock clock;

    Totp(SecondFactors factors, Clock clock) {
        this.factors = factors;
        this.clock = clock;
    }

    /** Whether the code is one that has not been used yet from one of the account's apps. */
    boolean accept(long accountId, String code) {
        String digits = normalise(code);
        if (!SHAPE.matcher(digits).matches()) {
            return false;
        }
        long now = currentStep();
        for (SecondFactors.TotpFactor factor : factors.totps(accountId)) {
            for (long step = now - 1; step <= now + 1; step++) {
                if (step > factor.lastStep() && code(factor.secret(), step).equals(digits)) {
                    return factors.acceptStep(factor.id(), step);
                }
            }
        }
        return false;
    }

    /**
     * The step in which this code is the secret's, if it is one now: the check before an app is
     * added, which is then added with that step used.
     */
    java.util.OptionalLong step(byte[] secret, String code) {
        String digits = normalise(code);
        long now = currentStep();
        for (long step = now - 1; step <= now + 1; step++) {
            if (code(secret, step).equals(digits)) {
                return java.util.OptionalLong.of(step);
            }
        }
        return java.util.OptionalLong.empty();
    }

    private long currentStep() {
        return Instant.now(clock).getEpochSecond() / STEP.toSeconds();
    }

    String code(byte[] secret, long step) {
        try {
            // a generator holds a Mac, which is not safe to share between threads
            int code = new TimeBasedOneTimePasswordGenerator(STEP, 6).generateOneTimePassword(new SecretKeySpec(secret, "HmacSHA1"),
                    Instant.ofEpochSecond(step * STEP.toSeconds()));
            return String.format("%06d", code);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "");
    }
}
