package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.SecretTokens;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** Which submission a confirmation link publishes: the signature's first (resubmissionId null) or a repeat. */
    public record LinkTarget(long signatureId, @Nullable Long resubmissionId) {
    }

    /** One new confirmation token per target (in order), written in one statement; returned in clear. */
    public List<String> issue(List<LinkTarget> targets, Instant now) {
        List<Object[]> rows = new ArrayList<>(targets.size());
        List<String> clear = new ArrayList<>(targets.size());
        Instant expires = now.plus(config.confirmationTtl());
        for (LinkTarget target : targets) {
            String token = randomToken();
            clear.add(token);
            rows.add(new Object[]{hash(token), target.signatureId(), target.resubmissionId(), now, expires});
        }
        store.insertConfirmationTokens(rows);
        return clear;
    }

    /** One new "remove my signature" token per signature id, written in one statement; returned in clear. */
    public List<String> issueWithdrawal(List<Long> signatureIds, Instant now) {
        List<Object[]> rows = new ArrayList<>(signatureIds.size());
        List<String> clear = new ArrayList<>(signatureIds.size());
        for (long signatureId : signatureIds) {
            String token = randomToken();
            clear.add(token);
            rows.add(new Object[]{hash(token), signatureId, now});
        }
        store.insertWithdrawalTokens(rows);
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

    /** The tokens that have a token's shape, by their hash (the key links are stored under); the rest are unknown anyway. */
    public static Map<ByteBuffer, String> byHash(Collection<String> tokens) {
        Map<ByteBuffer, String> byHash = new HashMap<>();
        for (String token : tokens) {
            if (hasTokenShape(token)) {
                byHash.put(ByteBuffer.wrap(hash(token)), token);
            }
        }
        return byHash;
    }
}
