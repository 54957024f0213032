package org.cfcr.petitions.kernel.secret;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every node derives the same keys from the same secret, and keeps doing so after an upgrade: a
 * change to how keys are derived would refuse every form, cookie and link in flight, and orphan
 * every stored hash, so the derivation is pinned here.
 */
class KeyDerivationTest {

    private static final byte[] SECRET = new byte[32];
    /** Computed apart: HMAC-SHA256(PRK, "org.cfcr.petitions signing key: csrf" || 0x01), PRK = HMAC-SHA256(32 zero bytes, SECRET). */
    private static final String PINNED_CSRF = "54cb886dfb9d1dcc15f20f46b63d70ba97b22599d983df603c772f835f72a0a7";

    static {
        Arrays.fill(SECRET, (byte) 0x0b);
    }

    @Test
    void the_derivation_is_hkdf_sha256_and_does_not_change_between_versions() {
        // RFC 5869, test case 3 (no salt, no info), through the same HKDF
        byte[] ikm = new byte[22];
        Arrays.fill(ikm, (byte) 0x0b);
        assertEquals("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d",
                HexFormat.of().formatHex(Arrays.copyOf(hkdf(ikm), 32)));
        assertEquals(PINNED_CSRF, HexFormat.of().formatHex(KeyDerivation.derive(SECRET, KeyDerivation.Purpose.SIGNING, "csrf")));
    }

    @Test
    void each_name_and_each_purpose_gets_a_key_of_its_own() {
        byte[] csrf = KeyDerivation.derive(SECRET, KeyDerivation.Purpose.SIGNING, "csrf");
        assertFalse(Arrays.equals(csrf, KeyDerivation.derive(SECRET, KeyDerivation.Purpose.SIGNING, "form")));
        assertFalse(Arrays.equals(csrf, KeyDerivation.derive(SECRET, KeyDerivation.Purpose.LOOKUP, "csrf")));
        assertEquals(32, csrf.length);
    }

    private static byte[] hkdf(byte[] ikm) {
        try {
            return com.google.crypto.tink.subtle.Hkdf.computeHkdf("HMACSHA256", ikm, new byte[0], new byte[0], 42);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
