package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Limits password guessing, counted in the database so that every node sees the same failures.
 * Within {@link #WINDOW}:
 * <ul>
 *   <li>an account takes {@link #PER_ACCOUNT} failures from browsers it does not know, then refuses
 *       them until the window passes;</li>
 *   <li>a browser that has signed in to the account before ({@link KnownDevices}) has its own
 *       allowance of {@link #PER_DEVICE}, untouched by strangers' failures: flooding an account
 *       cannot lock its lead out;</li>
 *   <li>one client address takes {@link #PER_CLIENT} failures across all accounts.</li>
 * </ul>
 * Unknown emails are counted the same way, so the answers do not reveal which accounts exist.
 */
@Singleton
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ACCOUNT = 10;
    static final int PER_DEVICE = 10;
    static final int PER_CLIENT = 30;

    private final Sql sql;
    private final Clock clock;

    public LoginThrottle(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** Empty when this attempt may go ahead; otherwise how long to wait. */
    @Transactional(readOnly = true)
    public Optional<Duration> refusal(String email, @Nullable String device, String client) {
        Instant since = Instant.now(clock).minus(WINDOW);
        String normalised = Accounts.normaliseEmail(email);
        long fromClient = count("client = ?", client, since);
        boolean locked = fromClient >= PER_CLIENT || (device != null
                ? count("email = ? AND device = ?", normalised, device, since) >= PER_DEVICE
                : count("email = ? AND device IS NULL", normalised, since) >= PER_ACCOUNT);
        return locked ? Optional.of(WINDOW) : Optional.empty();
    }

    @Transactional
    public void failed(String email, @Nullable String device, String client) {
        sql.update("INSERT INTO login_failure (email, device, client, failed_at) VALUES (?, ?, ?, ?)",
                clip(Accounts.normaliseEmail(email), 254), device, clip(client, 64), Instant.now(clock));
    }

    /** A success clears this browser's failures (and strangers' when it is a stranger). */
    @Transactional
    public void succeeded(String email, @Nullable String device) {
        String normalised = Accounts.normaliseEmail(email);
        if (device != null) {
            sql.update("DELETE FROM login_failure WHERE email = ? AND device = ?", normalised, device);
        } else {
            sql.update("DELETE FROM login_failure WHERE email = ? AND device IS NULL", normalised);
        }
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    @Transactional
    void forgetOldFailures() {
        sql.update("DELETE FROM login_failure WHERE failed_at < ?", Instant.now(clock).minus(WINDOW.multipliedBy(4)));
    }

    private long count(String where, Object... args) {
        return sql.one("SELECT COUNT(*) AS n FROM login_failure WHERE " + where + " AND failed_at > ?",
                row -> row.getLong("n"), args).orElse(0L);
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
