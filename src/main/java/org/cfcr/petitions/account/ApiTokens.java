package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.secret.SecretTokens;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens, for scripts that download exports. The token is shown once when created;
 * the table keeps only its hash. It works while the account is enabled, until it expires
 * ({@link ApiTokenSettings}, 90 days by default), is revoked, or its account's password changes
 * ({@link PasswordChange} revokes them all; a token made before the password's last change is
 * refused besides, whatever path changed it).
 */
@Singleton
public class ApiTokens {

    private final Sql sql;
    private final Accounts accounts;
    private final AuditLog audit;
    private final Clock clock;
    private final ApiTokenSettings settings;

    public ApiTokens(Sql sql, Accounts accounts, AuditLog audit, Clock clock, ApiTokenSettings settings) {
        this.sql = sql;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.settings = settings;
    }

    public record ApiToken(long id, String label, Instant createdAt, @Nullable Instant lastUsedAt,
                           @Nullable Instant revokedAt, Instant expiresAt) {

        /** Whether it has expired by this time (the account page shows "expired" instead of its end). */
        public boolean expiredAt(Instant now) {
            return !expiresAt.isAfter(now);
        }
    }

    /** Creates a token and returns it in clear: the only time anyone sees it. */
    @Transactional
    public String create(long accountId, String label) {
        String token = SecretTokens.newToken();
        Instant now = Instant.now(clock);
        long id = sql.insert("INSERT INTO api_token (token_hash, account_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                SecretTokens.hash(token), accountId, label, now, now.plus(settings.lifetime()));
        audit.record(accountId, null, "apiToken.created", "token " + id + " \"" + label + "\"");
        return token;
    }

    @Transactional(readOnly = true)
    public List<ApiToken> of(long accountId) {
        return sql.list("SELECT id, label, created_at, last_used_at, revoked_at, expires_at FROM api_token WHERE account_id = ? "
                        + "ORDER BY id DESC",
                row -> new ApiToken(row.getLong("id"), row.getString("label"), Sql.instant(row, "created_at"),
                        Sql.instant(row, "last_used_at"), Sql.instant(row, "revoked_at"), Sql.instant(row, "expires_at")),
                accountId);
    }

    /** Revokes one of the account's own tokens; another account's token id changes nothing. */
    @Transactional
    public void revoke(long accountId, long tokenId) {
        if (sql.update("UPDATE api_token SET revoked_at = ? WHERE id = ? AND account_id = ? AND revoked_at IS NULL",
                Instant.now(clock), tokenId, accountId) > 0) {
            audit.record(accountId, null, "apiToken.revoked", "token " + tokenId);
        }
    }

    /**
     * The enabled account that this live token belongs to: not revoked, not expired, and made no
     * earlier than the account's password last changed (times are compared as stored, which on
     * MariaDB 10.11 is to the second: a token made in the same second as the change is let through,
     * and the change revoked every older one anyway).
     */
    @Transactional
    public Optional<Account> account(String token) {
        if (!SecretTokens.hasShape(token)) {
            return Optional.empty();
        }
        byte[] hash = SecretTokens.hash(token);
        Instant now = Instant.now(clock);
        record Live(long accountId, Instant createdAt) {
        }
        Optional<Account> account = sql.one("SELECT account_id, created_at FROM api_token "
                                + "WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                        row -> new Live(row.getLong("account_id"), Sql.instant(row, "created_at")), hash, now)
                .filter(live -> !accounts.passwordChangedAfter(live.accountId(), live.createdAt()))
                .flatMap(live -> accounts.find(live.accountId())).filter(found -> found.disabledAt() == null);
        account.ifPresent(found -> sql.update("UPDATE api_token SET last_used_at = ? WHERE token_hash = ?", now, hash));
        return account;
    }

    /** Every token of the account stops working (disabled, or a new password). */
    void revokeAll(long accountId, Instant now) {
        sql.update("UPDATE api_token SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", now, accountId);
    }
}
