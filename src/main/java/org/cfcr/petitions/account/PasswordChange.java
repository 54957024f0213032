package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Someone sets a new password for their own account: whoever had the old one loses what it gave.
 * Every other session ends and every API token stops (a script that read the old password, or a
 * token made by whoever stole it, works no more); the session that changed it goes on. A password
 * an admin set is no longer to be changed.
 */
@Singleton
class PasswordChange {

    private final Accounts accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final SessionCookie sessionCookie;
    private final Clock clock;

    PasswordChange(Accounts accounts, Sessions sessions, ApiTokens tokens, SessionCookie sessionCookie, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.sessionCookie = sessionCookie;
        this.clock = clock;
    }

    /** The new password for the account signed in by this request's session. */
    void change(long accountId, String newPassword, HttpRequest<?> request) {
        change(accountId, newPassword, sessionCookie.token(request).orElse(null));
    }

    @Transactional
    public void change(long accountId, String newPassword, @Nullable String keepSession) {
        Instant now = Instant.now(clock);
        accounts.changePassword(accountId, newPassword, now);
        tokens.revokeAll(accountId, now);
        if (keepSession != null) {
            sessions.closeOthers(accountId, keepSession);
        } else {
            sessions.closeAll(accountId);
        }
    }
}
