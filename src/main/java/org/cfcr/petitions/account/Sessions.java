package org.cfcr.petitions.account;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.secret.SecretTokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login sessions kept in the database, so that any node serves any request and disabling an
 * account ends its sessions everywhere at once. The cookie holds a random token; the table only
 * its hash. A session ends after {@link #IDLE} without use, and after {@link #LIFETIME} in any case.
 */
@Singleton
public class Sessions {

    public static final String COOKIE = org.cfcr.petitions.kernel.web.HostCookies.SESSION;
    static final Duration LIFETIME = Duration.ofHours(12);
    static final Duration IDLE = Duration.ofHours(2);
    static final Duration CHALLENGE_LIFE = Duration.ofMinutes(5);
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** last_seen_at is written at most this often, not on every click. */
    private static final Duration TOUCH = Duration.ofMinutes(1);

    private final Sql sql;
    private final Accounts accounts;
    private final Clock clock;

    public Sessions(Sql sql, Accounts accounts, Clock clock) {
        this.sql = sql;
        this.accounts = accounts;
        this.clock = clock;
    }

    /**
     * Starts a session after the password and returns its token, for the cookie only. It is
     * verified at once only when {@code verified} (no second factor to prove); otherwise it may
     * do nothing but prove or enrol one ({@link SignedInSession#isVerified()}).
     */
    @Transactional
    public String open(long accountId, boolean verified) {
        Instant now = Instant.now(clock);
        Instant verifiedAt = verified ? now : null;
        String token = SecretTokens.newToken();
        sql.update("INSERT INTO account_session (token_hash, account_id, created_at, last_seen_at, expires_at, "
                + "verified_at, stepped_up_at) VALUES (?, ?, ?, ?, ?, ?, ?)", SecretTokens.hash(token), accountId,
                now, now, now.plus(LIFETIME), verifiedAt, verifiedAt);
        return token;
    }

    /** The live session of an enabled account that this token opens, whether verified yet or not. */
    @Transactional
    public Optional<SignedInSession> session(String token) {
        if (!SecretTokens.hasShape(token)) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        byte[] hash = SecretTokens.hash(token);
        record Live(long accountId, Instant lastSeen, Instant verifiedAt, Instant steppedUpAt) {
        }
        Optional<Live> live = sql.one("SELECT account_id, last_seen_at, verified_at, stepped_up_at FROM account_session "
                        + "WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?",
                row -> new Live(row.getLong("account_id"), Sql.instant(row, "last_seen_at"),
                        Sql.instant(row, "verified_at"), Sql.instant(row, "stepped_up_at")), hash, now, now.minus(IDLE));
        Optional<Account> account = live.flatMap(session -> accounts.find(session.accountId()))
                .filter(found -> found.disabledAt() == null);
        if (account.isPresent() && live.get().lastSeen().isBefore(now.minus(TOUCH))) {
            sql.update("UPDATE account_session SET last_seen_at = ? WHERE token_hash = ?", now, hash);
        }
        return account.map(found -> new SignedInSession(found, hash, live.get().verifiedAt(), live.get().steppedUpAt()));
    }

    /** The session's second factor is proved (or none is needed): it is signed in, and stepped up now. */
    @Transactional
    public void verified(byte[] tokenHash) {
        Instant now = Instant.now(clock);
        sql.update("UPDATE account_session SET verified_at = COALESCE(verified_at, ?), stepped_up_at = ? "
                + "WHERE token_hash = ?", now, now, tokenHash);
    }

    /**
     * A new WebAuthn challenge for this session, replacing any earlier one: a session answers one
     * challenge, once, within {@link #CHALLENGE_LIFE}.
     */
    @Transactional
    public byte[] newChallenge(byte[] tokenHash) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        sql.update("UPDATE account_session SET challenge = ?, challenge_expires_at = ? WHERE token_hash = ?",
                challenge, Instant.now(clock).plus(CHALLENGE_LIFE), tokenHash);
        return challenge;
    }

    /** Whether this is the session's live challenge; it is used up either way it is answered. */
    @Transactional
    public boolean takeChallenge(byte[] tokenHash, byte[] challenge) {
        return sql.update("UPDATE account_session SET challenge = NULL, challenge_expires_at = NULL "
                + "WHERE token_hash = ? AND challenge = ? AND challenge_expires_at > ?",
                tokenHash, challenge, Instant.now(clock)) == 1;
    }

    @Transactional
    public void close(String token) {
        if (SecretTokens.hasShape(token)) {
            sql.update("DELETE FROM account_session WHERE token_hash = ?", SecretTokens.hash(token));
        }
    }

    /** Ends every session of the account but the one given (after a password change). */
    @Transactional
    public void closeOthers(long accountId, String keepToken) {
        sql.update("DELETE FROM account_session WHERE account_id = ? AND token_hash <> ?", accountId,
                SecretTokens.hash(keepToken));
    }

    /** Ends every session of the account (disabled, or its second factors reset). */
    public void closeAll(long accountId) {
        sql.update("DELETE FROM account_session WHERE account_id = ?", accountId);
    }

    /**
     * Deletes one batch of sessions that ended (past their lifetime or idle too long) before
     * {@code now}; returns how many. The batch is claimed with SKIP LOCKED, so nodes running this at
     * once share the rows instead of waiting for each other.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED) // the scan then locks only what it deletes
    public int deleteExpired(Instant now, int batch) {
        List<byte[]> ended = sql.list("SELECT token_hash FROM account_session WHERE expires_at <= ? OR last_seen_at <= ? "
                + "LIMIT ? FOR UPDATE SKIP LOCKED", row -> row.getBytes("token_hash"), now, now.minus(IDLE), batch);
        if (!ended.isEmpty()) {
            sql.batch("DELETE FROM account_session WHERE token_hash = ?",
                    ended.stream().map(hash -> new Object[] {hash}).toList());
        }
        return ended.size();
    }
}
