package org.cfcr.petitions.signature.screening;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * A first-party challenge: find a number such that SHA-256 of "form token|email|number" starts
 * with a given count of zero bits. The browser does it in a few seconds (static/challenge.js); a
 * flood of a hundred thousand signatures costs the sender that many times over. Binding the work
 * to the email means one answer cannot be reused for another signature, with nothing stored.
 */
public final class ProofOfWork {

    private ProofOfWork() {
    }

    public static boolean verify(String formToken, String email, String proof, int bits) {
        if (formToken == null || email == null || proof == null || !proof.matches("\\d{1,12}")) {
            return false;
        }
        return leadingZeroBits(digest(formToken + "|" + email.strip().toLowerCase(Locale.ROOT) + "|" + proof)) >= bits;
    }

    /** Finds an answer the slow way; for tests and scripted clients that must pass the challenge. */
    public static String solve(String formToken, String email, int bits) {
        for (long n = 0; ; n++) {
            if (verify(formToken, email, Long.toString(n), bits)) {
                return Long.toString(n);
            }
        }
    }

    static int leadingZeroBits(byte[] hash) {
        int bits = 0;
        for (byte b : hash) {
            if (b == 0) {
                bits += 8;
                continue;
            }
            return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
        }
        return bits;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
