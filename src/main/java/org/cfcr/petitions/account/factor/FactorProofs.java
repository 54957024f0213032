package org.cfcr.petitions.account.factor;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.account.LoginThrottle;
import org.cfcr.petitions.account.Sessions;
import org.cfcr.petitions.account.SignedInSession;
import org.cfcr.petitions.account.VerificationTurns;

import java.time.Duration;
import java.util.Optional;

/**
 * A person proving the second factor in a session, to finish signing in or to step up: a code
 * from an authenticator app, a recovery code, a passkey, or (for an account that has no second
 * factor and needs none) the password again. Every try is counted by the sign-in throttle before it
 * is checked, like a password: with the password stolen, six digits still take centuries to guess.
 */
@Singleton
public class FactorProofs {

    private final Totp totp;
    private final RecoveryCodes recoveryCodes;
    private final Passkeys passkeys;
    private final SecondFactors factors;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final Accounts accounts;

    FactorProofs(Totp totp, RecoveryCodes recoveryCodes, Passkeys passkeys, SecondFactors factors, Sessions sessions,
                 LoginThrottle throttle, Accounts accounts) {
        this.totp = totp;
        this.recoveryCodes = recoveryCodes;
        this.passkeys = passkeys;
        this.factors = factors;
        this.sessions = sessions;
        this.throttle = throttle;
        this.accounts = accounts;
    }

    /** How a proof went; {@code retryAfter} is set when the throttle or a busy node refused to check it. */
    public record Outcome(boolean proved, @Nullable String errorKey, @Nullable Duration retryAfter) {
        static final Outcome PROVED = new Outcome(true, null, null);

        static Outcome wrong(String errorKey) {
            return new Outcome(false, errorKey, null);
        }
    }

    /** A six-digit code from an app, or a recovery code (told apart by their length). */
    public Outcome code(SignedInSession session, @Nullable String code, @Nullable String client) {
        String typed = code == null ? "" : code.strip();
        if (typed.isEmpty() || typed.length() > 40) {
            return Outcome.wrong("admin.factor.error.missing");
        }
        return counted(session, client, () -> Totp.normalise(typed).length() == 6
                ? totp.accept(session.account().id(), typed)
                : recoveryCodes.use(session.account().id(), typed), "admin.factor.error.wrongCode");
    }

    /** A passkey's answer to this session's challenge (the browser's {@code PublicKeyCredential} as JSON). */
    public Outcome passkey(SignedInSession session, @Nullable String credentialJson, @Nullable String client) {
        if (credentialJson == null || credentialJson.isBlank() || credentialJson.length() > 20_000) {
            return Outcome.wrong("admin.factor.error.passkeyMissing");
        }
        return counted(session, client, () -> passkeys.authenticate(session.account().id(), credentialJson,
                challenge -> sessions.takeChallenge(session.tokenHash(), challenge)), "admin.factor.error.passkeyWrong");
    }

    /** The password again: the step-up of an account that has no second factor (and is allowed none). */
    public Outcome password(SignedInSession session, @Nullable String password, @Nullable String client) {
        if (factors.any(session.account().id())) {
            return Outcome.wrong("admin.factor.error.useFactor");
        }
        if (password == null || password.isEmpty()) {
            return Outcome.wrong("admin.factor.error.missing");
        }
        try {
            return counted(session, client,
                    () -> accounts.authenticate(session.account().email(), password).isPresent(), "admin.password.currentWrong");
        } catch (VerificationTurns.Busy busy) {
            return new Outcome(false, busy.messageKey(), VerificationTurns.RETRY_AFTER);
        }
    }

    /**
     * Counted under a key of the account's own ({@link #throttleKey}), never the password's: a right
     * password clears the password's failures, and must not also clear the wrong codes, or whoever
     * has the password could guess codes forever, ten between sign-ins. No device allowance either:
     * a browser the lead used before has no more right to guess a code than any other.
     */
    static String throttleKey(long accountId) {
        return "second-factor:" + accountId;
    }

    private Outcome counted(SignedInSession session, @Nullable String client,
                            java.util.function.BooleanSupplier check, String wrongKey) {
        String key = throttleKey(session.account().id());
        LoginThrottle.Attempt attempt = throttle.attempt(key, null, client);
        Optional<Duration> refusal = attempt.refusal();
        if (refusal.isPresent()) {
            return new Outcome(false, "admin.factor.error.locked", refusal.get());
        }
        boolean proved;
        try {
            proved = check.getAsBoolean();
        } catch (RuntimeException e) {
            throttle.withdraw(attempt.id());
            throw e;
        }
        if (!proved) {
            return Outcome.wrong(wrongKey);
        }
        throttle.succeeded(key, null);
        sessions.verified(session.tokenHash());
        return Outcome.PROVED;
    }
}
