package org.cfcr.petitions.account.factor;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Sessions;
import org.cfcr.petitions.audit.AuditLog;

/**
 * An admin's recovery for a lead (or admin) who lost every second factor and recovery code: the
 * factors and codes go, the account's sessions end, and at the next sign-in with the password the
 * person must set up a new factor before anything else. Recorded in the audit log, so a reset
 * that the person did not ask for can be seen.
 */
@Singleton
public class SecondFactorReset {

    private final SecondFactors factors;
    private final RecoveryCodes recoveryCodes;
    private final Sessions sessions;
    private final AuditLog audit;

    SecondFactorReset(SecondFactors factors, RecoveryCodes recoveryCodes, Sessions sessions, AuditLog audit) {
        this.factors = factors;
        this.recoveryCodes = recoveryCodes;
        this.sessions = sessions;
        this.audit = audit;
    }

    @Transactional
    public void reset(long accountId, long byAdmin) {
        factors.removeAll(accountId);
        recoveryCodes.removeAll(accountId);
        sessions.closeAll(accountId);
        audit.record(byAdmin, null, "account.factorsReset", "account " + accountId);
    }
}
