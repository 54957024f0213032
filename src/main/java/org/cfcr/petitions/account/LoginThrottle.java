package org.cfcr.petitions.account;

import com.github.benmanes.caffeine.cache.Cache;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.Caches;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.net.ClientAddress;
import org.cfcr.petitions.kernel.net.IpAddresses;

import java.sql.Connection;
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
 *   <li>one client takes {@link #PER_CLIENT} failures across all accounts: an IPv4 address, an
 *       IPv6 /64 (one household's or phone's), and all clients whose address is unknown together.</li>
 * </ul>
 * An attempt is counted before its password is verified, and checked with itself counted
 * ({@link #attempt}): of a burst sent at once, no more than the limit reach the verification. Its
 * row stays as the failure, is withdrawn when the attempt is refused before verifying, and cleared
 * on success. Unknown emails are counted the same way, so the answers do not reveal which accounts exist.
 * <p>
 * A refusal is remembered on this node for {@link #REMEMBERED_REFUSAL}: a flood from one client or
 * at one account is then refused without a database write, so it cannot crowd out signers'
 * commits. The database stays the judge; this only spares it the answers it has just given.
 */
@Singleton
public class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ACCOUNT = 10;
    static final int PER_DEVICE = 10;
    static final int PER_CLIENT = 30;
    /** The one client key of every client whose address is unknown. */
    static final String UNKNOWN_CLIENT = "unknown";
    /** How long this node refuses at once what the database has just refused (shorter than the window). */
    static final Duration REMEMBERED_REFUSAL = Duration.ofSeconds(30);
    /** Refusals remembered at once: a flood from many clients cannot grow the memory past it. */
    private static final int REMEMBERED_REFUSALS = 100_000;

    private final Sql sql;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;
    private final Cache<String, Boolean> recentlyRefused = Caches.builder()
            .maximumSize(REMEMBERED_REFUSALS).expireAfterWrite(REMEMBERED_REFUSAL).build();

    public LoginThrottle(Sql sql, Clock clock, TransactionOperations<Connection> transactions) {
        this.sql = sql;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** A counted attempt: its row, and how long to wait when it is over a limit (empty: verify it). */
    public record Attempt(long id, Optional<Duration> refusal) {

        static Attempt refused() {
            return new Attempt(0, Optional.of(WINDOW));
        }
    }

    /**
     * Counts this attempt (committed at once, so that concurrent attempts see it), then counts the
     * attempts of its account or browser and of its client, itself included. A refused attempt is
     * withdrawn here; call this outside any transaction.
     */
    public Attempt attempt(String email, @Nullable String device, @Nullable String client) {
        String normalised = clip(Accounts.normaliseEmail(email), 254);
        String clientKey = clientKey(client);
        String clientMemo = "client " + clientKey;
        String accountMemo = accountMemo(normalised, device);
        if (recentlyRefused.getIfPresent(clientMemo) != null || recentlyRefused.getIfPresent(accountMemo) != null) {
            return Attempt.refused();
        }
        long id = transactions.executeWrite(status -> sql.insert(
                "INSERT INTO login_failure (email, device, client, failed_at) VALUES (?, ?, ?, ?)",
                normalised, device, clientKey, Instant.now(clock)));
        Instant since = Instant.now(clock).minus(WINDOW);
        Optional<String> over = transactions.executeRead(status -> {
            if (count("client = ?", clientKey, since) > PER_CLIENT) {
                return Optional.of(clientMemo);
            }
            boolean accountOver = device != null
                    ? count("email = ? AND device = ?", normalised, device, since) > PER_DEVICE
                    : count("email = ? AND device IS NULL", normalised, since) > PER_ACCOUNT;
            return accountOver ? Optional.of(accountMemo) : Optional.<String>empty();
        });
        if (over.isPresent()) {
            withdraw(id);
            recentlyRefused.put(over.get(), Boolean.TRUE);
            return Attempt.refused();
        }
        return new Attempt(id, Optional.empty());
    }

    /** An attempt that was not verified after all (refused, or no turn to verify): no guess made. */
    public void withdraw(long attemptId) {
        transactions.executeWrite(status -> sql.update("DELETE FROM login_failure WHERE id = ?", attemptId));
    }

    /** How a client is counted: an IPv4 address, an IPv6 /64, or {@link #UNKNOWN_CLIENT}. */
    static String clientKey(@Nullable String client) {
        return IpAddresses.parse(client).map(address -> new ClientAddress(address).hostLabel()).orElse(UNKNOWN_CLIENT);
    }

    /** A success clears this browser's failures (and strangers' when it is a stranger). */
    @Transactional
    public void succeeded(String email, @Nullable String device) {
        String normalised = Accounts.normaliseEmail(email);
        recentlyRefused.invalidate(accountMemo(clip(normalised, 254), device));
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

    /** How a refusal of this account (to this browser, or to strangers) is remembered. */
    private static String accountMemo(String normalisedEmail, @Nullable String device) {
        return "account " + (device == null ? "" : device) + " " + normalisedEmail;
    }

    private static String clip(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
