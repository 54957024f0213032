package org.cfcr.petitions.account;

import jakarta.inject.Singleton;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

import java.util.Optional;

/**
 * Argon2id hashes (Spring Security's encoder; memory and passes from {@link PasswordSettings}, the
 * rest as in its 5.8 defaults) and the rules a new password must meet. Length is what makes a
 * password strong; no composition rules, but a floor of 12 characters and none of the 100,000
 * passwords attackers try first ({@link CommonPasswords}).
 */
@Singleton
public class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 200;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;

    private final Argon2PasswordEncoder encoder;
    private final VerificationTurns turns;
    private final CommonPasswords common;
    /** Compared against when no account has the email, so that an unknown email takes as long. */
    private final String decoy;

    Passwords(PasswordSettings settings, VerificationTurns turns, CommonPasswords common) {
        this.turns = turns;
        this.common = common;
        this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, settings.memoryKib(),
                settings.passes());
        this.decoy = encoder.encode("decoy password that matches nothing");
    }

    public String hash(String password) {
        return encoder.encode(password);
    }

    /**
     * Whether the password is the hash's (a null hash is compared with a decoy, taking as long).
     * Call it outside any transaction: it waits for a turn ({@link VerificationTurns}, throwing
     * {@link VerificationTurns.Busy} when none comes) and then works for a while.
     */
    public boolean matches(String password, String hash) {
        if (password == null || password.length() > MAX_LENGTH) {
            return false;
        }
        return turns.verify(() -> encoder.matches(password, hash == null ? decoy : hash));
    }

    /** The message key saying why a new password is refused, or empty when it is acceptable. */
    public Optional<String> problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("admin.password.tooShort");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("admin.password.tooLong");
        }
        if (common.isCommon(password)) {
            return Optional.of("admin.password.common");
        }
        String lower = password.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("password") || lower.chars().distinct().count() < 4
                || (email != null && !email.isBlank() && lower.contains(email.toLowerCase(java.util.Locale.ROOT)))) {
            return Optional.of("admin.password.tooGuessable");
        }
        return Optional.empty();
    }
}
