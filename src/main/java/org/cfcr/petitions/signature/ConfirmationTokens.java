package org.cfcr.petitions.signature;

import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.db.Sql;
import org.cfcr.petitions.web.SecretTokens;

import java.time.Instant;

/**
 * Tokens for the links in emails (confirm, remove my signature): 256 random bits, sent only in
 * the email, stored only as a SHA-256 hash. A database leak therefore confirms or removes nothing.
 */
@Singleton
public class ConfirmationTokens {

    private final Sql sql;
    private final PetitionsConfig config;

    public ConfirmationTokens(Sql sql, PetitionsConfig config) {
        this.sql = sql;
        this.config = config;
    }

    /** Creates a token for the signature and returns it in clear, for the email only. */
    public String issue(long signatureId, Instant now) {
        String token = randomToken();
        sql.update("INSERT INTO confirmation_token (token_hash, signature_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                hash(token), signatureId, now, now.plus(config.confirmationTtl()));
        return token;
    }

    /** Creates a "remove my signature" token for the signature and returns it in clear, for the email only. */
    public String issueWithdrawal(long signatureId, Instant now) {
        String token = randomToken();
        sql.update("INSERT INTO withdrawal_token (token_hash, signature_id, created_at) VALUES (?, ?, ?)",
                hash(token), signatureId, now);
        return token;
    }

    private static String randomToken() {
        return SecretTokens.newToken();
    }

    /** Whether the text could be a token at all; anything else is refused before any lookup. */
    public static boolean hasTokenShape(String candidate) {
        return SecretTokens.hasShape(candidate);
    }

    public static byte[] hash(String token) {
        return SecretTokens.hash(token);
    }
}
