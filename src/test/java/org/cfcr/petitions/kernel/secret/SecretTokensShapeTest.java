package org.cfcr.petitions.kernel.secret;

import org.junit.jupiter.api.Test;

import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A link's token is refused before any lookup unless it could have been made by
 * {@link SecretTokens#newToken()}: 43 characters of URL-safe base64 and nothing else, so that what an
 * attacker puts in a link never reaches a query or a hash unless it has a token's shape.
 */
class SecretTokensShapeTest {

    private static final String A_TOKEN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0189_-Z";

    @Test
    void every_token_made_has_the_shape() {
        IntStream.range(0, 1_000).forEach(i -> assertTrue(SecretTokens.hasShape(SecretTokens.newToken())));
        assertTrue(SecretTokens.hasShape(A_TOKEN));
    }

    @Test
    void anything_else_has_not() {
        assertFalse(SecretTokens.hasShape(null));
        assertFalse(SecretTokens.hasShape(""));
        assertFalse(SecretTokens.hasShape(A_TOKEN.substring(1)));
        assertFalse(SecretTokens.hasShape(A_TOKEN + "a"));
        // standard base64's signs, padding, spaces, and letters and digits outside ASCII
        for (String stranger : new String[] {"+", "/", "=", " ", "%", ".", "é", "٣", "Ａ", "\u0000"}) {
            assertFalse(SecretTokens.hasShape(stranger + A_TOKEN.substring(1)), stranger);
            assertFalse(SecretTokens.hasShape(A_TOKEN.substring(0, 42) + stranger), stranger);
        }
    }
}
