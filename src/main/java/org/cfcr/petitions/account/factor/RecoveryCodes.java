package org.cfcr.petitions.account.factor;

import com.google.common.io.BaseEncoding;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.secret.SecretTokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-time codes for signing in when the second factor is lost (table {@code recovery_code}).
 * Ten at a time, shown once; each is 80 random bits written as four groups of four letters and
 * digits, so that its SHA-256 alone is enough to keep it (no key, no slow hash).
 */
@Singleton
public class RecoveryCodes {

    static final int COUNT = 10;
    private static final BaseEncoding BASE32 = BaseEncoding.base32().omitPadding().lowerCase();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final AuditLog audit;
    private final Clock clock;

    RecoveryCodes(Sql sql, AuditLog audit, Clock clock) {
        this.sql = sql;
        this.audit = audit;
        this.clock = clock;
    }

    /** New codes for the account, replacing every earlier one: the only time they are seen. */
    @Transactional
    public List<String> replace(long accountId) {
        sql.update("DELETE FROM recovery_code WHERE account_id = ?", accountId);
        Instant now = Instant.now(clock);
        List<String> codes = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            byte[] bytes = new byte[10];
            RANDOM.nextBytes(bytes);
            String code = String.join("-", com.google.common.base.Splitter.fixedLength(4).split(BASE32.encode(bytes)));
            codes.add(code);
            rows.add(new Object[] {accountId, SecretTokens.hash(normalise(code)), now});
        }
        sql.batch("INSERT INTO recovery_code (account_id, code_hash, created_at) VALUES (?, ?, ?)", rows);
        audit.record(accountId, null, "account.recoveryCodes", "account " + accountId + ", " + COUNT + " new codes");
        return codes;
    }

    /** Uses the code up if it is one of the account's unused ones (once, whichever node asks first). */
    @Transactional
    boolean use(long accountId, String code) {
        String normalised = normalise(code);
        if (normalised.length() != 16) {
            return false;
        }
        boolean used = sql.update("UPDATE recovery_code SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
                Instant.now(clock), accountId, SecretTokens.hash(normalised)) == 1;
        if (used) {
            audit.record(accountId, null, "account.recoveryCodeUsed", "account " + accountId);
        }
        return used;
    }

    @Transactional(readOnly = true)
    public int remaining(long accountId) {
        return sql.one("SELECT COUNT(*) AS n FROM recovery_code WHERE account_id = ? AND used_at IS NULL",
                row -> row.getInt("n"), accountId).orElse(0);
    }

    @Transactional
    void removeAll(long accountId) {
        sql.update("DELETE FROM recovery_code WHERE account_id = ?", accountId);
    }

    /** What a person may type: any case, with or without the dashes and spaces. */
    static String normalise(String code) {
        return code == null ? "" : code.replaceAll("[\\s-]", "").toLowerCase(Locale.ROOT);
    }
}
