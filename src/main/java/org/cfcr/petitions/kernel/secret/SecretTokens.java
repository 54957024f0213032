package org.cfcr.petitions.kernel.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Bearer secrets (email links, login sessions, API tokens): 256 random bits handed out once in
 * clear and stored only as a SHA-256 hash, so a copy of the database opens nothing.
 */
public final class SecretTokens {

    /** 32 bytes in URL-safe base64 without padding. */
    private static final int LENGTH = 43;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {
    }

    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Whether the text could be a token at all; anything else is refused before any lookup. A loop
     * rather than a regular expression: every view of a signer's link page checks one, and the
     * expression's matcher was 2% of the confirm page's processor time (async-profiler).
     */
    public static boolean hasShape(String candidate) {
        if (candidate == null || candidate.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (!isUrlSafeBase64(candidate.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUrlSafeBase64(char c) {
        return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    public static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
