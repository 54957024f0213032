package org.cfcr.petitions.account.factor;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.account.Accounts;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.secret.PersonalDataCipher;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The second factors of accounts (table {@code account_factor}): authenticator apps (TOTP) and
 * passkeys. A TOTP secret is sealed like signers' data, so a copy of the database alone does not
 * give the codes.
 */
@Singleton
public class SecondFactors {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecondFactors.class);

    static final String SECRET_CONTEXT = "account_factor.secret";
    /** An account keeps at most this many: enough for a phone, a spare key and a laptop. */
    static final int MAX_PER_ACCOUNT = 10;

    private final Sql sql;
    private final Accounts accounts;
    private final PersonalDataCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    SecondFactors(Sql sql, Accounts accounts, PersonalDataCipher cipher, AuditLog audit, Clock clock) {
        this.accounts = accounts;
        this.sql = sql;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    public enum Kind { TOTP, PASSKEY }

    /** A factor as its owner sees it in the list: never its secret. */
    public record Factor(long id, Kind kind, String label, Instant createdAt, @Nullable Instant lastUsedAt) {
    }

    /** A TOTP factor with its secret opened, and the last time step it accepted. */
    record TotpFactor(long id, byte[] secret, long lastStep) {
    }

    /** A passkey: webauthn4j's attested credential data (public key and id) and the signature counter. */
    record PasskeyFactor(long id, byte[] credential, long signCount) {
    }

    @Transactional(readOnly = true)
    public List<Factor> of(long accountId) {
        return sql.list("SELECT id, kind, label, created_at, last_used_at FROM account_factor WHERE account_id = ? ORDER BY id",
                row -> new Factor(row.getLong("id"), Kind.valueOf(row.getString("kind")), row.getString("label"),
                        Sql.instant(row, "created_at"), Sql.instant(row, "last_used_at")), accountId);
    }

    @Transactional(readOnly = true)
    public boolean any(long accountId) {
        return sql.one("SELECT 1 AS x FROM account_factor WHERE account_id = ? LIMIT 1", row -> 1, accountId).isPresent();
    }

    /** Adds an authenticator app whose code of {@code usedStep} proved it; false when the account already has as many factors as it may. */
    @Transactional
    public boolean addTotp(long accountId, byte[] secret, long usedStep, String label) {
        if (countLocked(accountId) >= MAX_PER_ACCOUNT) {
            return false;
        }
        long id = sql.insert("INSERT INTO account_factor (account_id, kind, label, secret, key_id, last_step, created_at) "
                        + "VALUES (?, 'TOTP', ?, ?, ?, ?, ?)", accountId, label,
                cipher.seal(java.util.Base64.getEncoder().encodeToString(secret), SECRET_CONTEXT), cipher.keyId(),
                usedStep, Instant.now(clock));
        audit.record(accountId, null, "account.factorAdded", "account " + accountId + ", authenticator app " + id);
        return true;
    }

    /** Adds a passkey; false when the account has as many factors as it may or the credential is known. */
    @Transactional
    public boolean addPasskey(long accountId, byte[] credentialId, byte[] credential, long signCount, String label) {
        if (countLocked(accountId) >= MAX_PER_ACCOUNT || passkey(credentialId).isPresent()) {
            return false;
        }
        long id = sql.insert("INSERT INTO account_factor (account_id, kind, label, credential_hash, credential, sign_count, "
                        + "created_at) VALUES (?, 'PASSKEY', ?, ?, ?, ?, ?)", accountId, label, sha256(credentialId),
                java.util.Base64.getEncoder().encodeToString(credential), signCount, Instant.now(clock));
        audit.record(accountId, null, "account.factorAdded", "account " + accountId + ", passkey " + id);
        return true;
    }

    /** What a removal did. */
    public enum Removal { REMOVED, LAST_ONE_KEPT, NOT_FOUND }

    /**
     * Removes one of the account's own factors; another account's factor id changes nothing. When
     * the account must keep one, its last one stays: the account's factors are locked first, so two
     * removals sent at once (two tabs) cannot each see another factor left and remove both.
     */
    @Transactional
    public Removal remove(long accountId, long factorId, boolean mustKeepOne) {
        List<Long> ids = sql.list("SELECT id FROM account_factor WHERE account_id = ? FOR UPDATE",
                row -> row.getLong("id"), accountId);
        if (!ids.contains(factorId)) {
            return Removal.NOT_FOUND;
        }
        if (mustKeepOne && ids.size() == 1) {
            return Removal.LAST_ONE_KEPT;
        }
        sql.update("DELETE FROM account_factor WHERE id = ? AND account_id = ?", factorId, accountId);
        audit.record(accountId, null, "account.factorRemoved", "account " + accountId + ", factor " + factorId);
        return Removal.REMOVED;
    }

    /** Every factor of the account goes (an admin's recovery for a lead who lost them). */
    @Transactional
    void removeAll(long accountId) {
        sql.update("DELETE FROM account_factor WHERE account_id = ?", accountId);
    }

    /**
     * The account's apps with their secrets opened; one whose secret no configured key opens (its
     * key removed before the re-sealing reached it) is left out and logged, not a failed sign-in.
     */
    @Transactional(readOnly = true)
    List<TotpFactor> totps(long accountId) {
        List<TotpFactor> opened = new java.util.ArrayList<>();
        sql.forEach("SELECT id, secret, key_id, last_step FROM account_factor WHERE account_id = ? AND kind = 'TOTP'", row -> {
            try {
                opened.add(new TotpFactor(row.getLong("id"), java.util.Base64.getDecoder().decode(
                        cipher.open(row.getString("secret"), SECRET_CONTEXT, row.getInt("key_id"))), row.getLong("last_step")));
            } catch (IllegalStateException keyGone) {
                LOG.error("The authenticator-app secret of factor {} does not open with the configured personal-data keys; "
                        + "it cannot be used until its key is restored", row.getLong("id"));
            }
        }, accountId);
        return opened;
    }

    /**
     * Seals again, under the current personal-data key, the app secrets sealed under an earlier one,
     * so that an earlier key can be removed after a rotation. Returns how many.
     */
    @Transactional
    int resealTotpSecrets() {
        int current = cipher.keyId();
        record Sealed(long id, String secret, int keyId) {
        }
        List<Sealed> old = sql.list("SELECT id, secret, key_id FROM account_factor WHERE kind = 'TOTP' AND key_id <> ? "
                + "FOR UPDATE", row -> new Sealed(row.getLong("id"), row.getString("secret"), row.getInt("key_id")), current);
        int resealed = 0;
        for (Sealed sealed : old) {
            try {
                String clear = cipher.open(sealed.secret(), SECRET_CONTEXT, sealed.keyId());
                sql.update("UPDATE account_factor SET secret = ?, key_id = ? WHERE id = ?",
                        cipher.seal(clear, SECRET_CONTEXT), current, sealed.id());
                resealed++;
            } catch (IllegalStateException keyGone) {
                LOG.error("The authenticator-app secret of factor {} does not open; left as it is", sealed.id());
            }
        }
        return resealed;
    }

    /**
     * Records that the factor accepted this time step, unless it already accepted it or a later
     * one (on any node): a code opens one sign-in only.
     */
    @Transactional
    boolean acceptStep(long factorId, long step) {
        return sql.update("UPDATE account_factor SET last_step = ?, last_used_at = ? WHERE id = ? "
                + "AND (last_step IS NULL OR last_step < ?)", step, Instant.now(clock), factorId, step) == 1;
    }

    /** The passkey with this credential id, if it is this account's. */
    @Transactional(readOnly = true)
    Optional<PasskeyFactor> passkey(long accountId, byte[] credentialId) {
        return sql.one("SELECT id, credential, sign_count FROM account_factor WHERE credential_hash = ? AND account_id = ?",
                SecondFactors::passkeyFactor, sha256(credentialId), accountId);
    }

    /** The account's passkeys, whose credential ids the browser chooses from. */
    @Transactional(readOnly = true)
    List<PasskeyFactor> passkeys(long accountId) {
        return sql.list("SELECT id, credential, sign_count FROM account_factor WHERE account_id = ? AND kind = 'PASSKEY'",
                SecondFactors::passkeyFactor, accountId);
    }

    /**
     * Records a use of the passkey with the counter it reported. A counter that did not grow
     * (and is not the 0 of authenticators that keep none) means a cloned key: refused.
     */
    @Transactional
    boolean used(long factorId, long signCount) {
        return sql.update("UPDATE account_factor SET sign_count = ?, last_used_at = ? WHERE id = ? "
                + "AND ((? = 0 AND sign_count = 0) OR sign_count < ?)", signCount, Instant.now(clock), factorId,
                signCount, signCount) == 1;
    }

    private Optional<PasskeyFactor> passkey(byte[] credentialId) {
        return sql.one("SELECT id, credential, sign_count FROM account_factor WHERE credential_hash = ?",
                SecondFactors::passkeyFactor, sha256(credentialId));
    }

    private static PasskeyFactor passkeyFactor(java.sql.ResultSet row) throws java.sql.SQLException {
        return new PasskeyFactor(row.getLong("id"), java.util.Base64.getDecoder().decode(row.getString("credential")),
                row.getLong("sign_count"));
    }

    /**
     * The account's factors, counted with its row locked until the transaction ends: two factors
     * added at once (two tabs) are counted one after the other, so the account never passes its bound.
     */
    private long countLocked(long accountId) {
        accounts.lock(accountId);
        return sql.one("SELECT COUNT(*) AS n FROM account_factor WHERE account_id = ?", row -> row.getLong("n"), accountId)
                .orElse(0L);
    }

    private static byte[] sha256(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
