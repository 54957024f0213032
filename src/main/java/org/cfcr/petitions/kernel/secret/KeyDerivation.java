package org.cfcr.petitions.kernel.secret;

import com.google.crypto.tink.subtle.Hkdf;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Named keys derived from one secret with HKDF-SHA256 (RFC 5869), the key's purpose and name as
 * its "info": each name gets a key of its own, none tells anything about another or about the
 * secret, and every node that holds the secret derives the same keys without storing any.
 */
final class KeyDerivation {

    /** What a derived key is for; part of the info, so a name used for both kinds gets two unrelated keys. */
    enum Purpose {
        /** Signs what comes back within days (forms, cookies, links); rotates with the master secret. */
        SIGNING,
        /** Keys hashes that are stored and looked up later; never rotated. */
        LOOKUP
    }

    private static final int KEY_BYTES = 32;

    private KeyDerivation() {
    }

    static byte[] derive(byte[] secret, Purpose purpose, String name) {
        try {
            return Hkdf.computeHkdf("HMACSHA256", secret, new byte[0],
                    ("org.cfcr.petitions " + purpose.name().toLowerCase() + " key: " + name).getBytes(StandardCharsets.UTF_8),
                    KEY_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
