package org.cfcr.petitions.account;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** An admin disables an account: it can no longer sign in, and its sessions and API tokens stop at once. */
@Singleton
public class AccountDisabling {

    private final Accounts accounts;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final Clock clock;

    AccountDisabling(Accounts accounts, Sessions sessions, ApiTokens tokens, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Transactional
    public void disable(long accountId, long byAdmin) {
        accounts.markDisabled(accountId, byAdmin);
        sessions.closeAll(accountId);
        tokens.revokeAll(accountId, Instant.now(clock));
    }
}
