package org.cfcr.petitions.signature;

import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SecretTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Tokens for the links in emails (confirm, remove my signature): 256 random bits, sent only in
 * the email, stored only as a SHA-256 hash. A database leak therefore confirms or removes nothing.
 */
@Singleton
public class ConfirmationTokens {

    private final SignatureStore store;
    private final SigningSettings config;

    public ConfirmationTokens(SignatureStore store, SigningSettings config) {
        this.store = store;
        this.config = config;
    }

    /** One new token per signature id (in order, ids may repeat), written in one statement; returned in clear. */
    public List<String> issue(List<Long> signatureIds, Instant now) {
        List<Object[]> rows = new ArrayList<>(signatureIds.size());
        List<String> clear = tokens(signatureIds, rows, now, now.plus(config.confirmationTtl()));
        store.insertConfirmationTokens(rows);
        return clear;
    }

    /** One new "remove my signature" token per signature id, written in one statement; returned in clear. */
    public List<String> issueWithdrawal(List<Long> signatureIds, Instant now) {
        List<Object[]> rows = new ArrayList<>(signatureIds.size());
        List<String> clear = tokens(signatureIds, rows, now);
        store.insertWithdrawalTokens(rows);
        return clear;
    }

    /** New tokens in clear; each row: the token's hash, the signature id, then the times given. */
    private static List<String> tokens(List<Long> signatureIds, List<Object[]> rows, Object... times) {
        List<String> clear = new ArrayList<>(signatureIds.size());
        for (long signatureId : signatureIds) {
            String token = randomToken();
            clear.add(token);
            Object[] row = new Object[2 + times.length];
            row[0] = hash(token);
            row[1] = signatureId;
            System.arraycopy(times, 0, row, 2, times.length);
            rows.add(row);
        }
        return clear;
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
