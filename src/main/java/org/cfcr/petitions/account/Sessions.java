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

    /** Starts a session and returns its token, for the cookie only. */
    @Transactional
    public String open(long accountId) {
        Instant now = Instant.now(clock);
        String token = SecretTokens.newToken();
        sql.update("INSERT INTO account_session (token_hash, account_id, created_at, last_seen_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", SecretTokens.hash(token), accountId, now, now, now.plus(LIFETIME));
        return token;
    }

    /** The enabled account whose live session this token is. */
    @Transactional
    public Optional<Account> account(String token) {
        if (!SecretTokens.hasShape(token)) {
            return Optional.empty();
        }
        Instant now = Instant.now(clock);
        byte[] hash = SecretTokens.hash(token);
        record Live(long accountId, Instant lastSeen) {
        }
        Optional<Live> live = sql.one("SELECT account_id, last_seen_at FROM account_session "
                        + "WHERE token_hash = ? AND expires_at > ? AND last_seen_at > ?",
                row -> new Live(row.getLong("account_id"), Sql.instant(row, "last_seen_at")), hash, now, now.minus(IDLE));
        Optional<Account> account = live.flatMap(session -> accounts.find(session.accountId()))
                .filter(found -> found.disabledAt() == null);
        if (account.isPresent() && live.get().lastSeen().isBefore(now.minus(TOUCH))) {
            sql.update("UPDATE account_session SET last_seen_at = ? WHERE token_hash = ?", now, hash);
        }
        return account;
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

    /** Ends every session of the account (disabled). */
    void closeAll(long accountId) {
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
