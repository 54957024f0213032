package org.cfcr.petitions.signature;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing again emails the signer at most once per interval, and five times a day; a signature
 * stored unmailed may be emailed at once.
 */
class ResendPolicyTest {

    private final ResendPolicy policy = new ResendPolicy(Duration.ofMinutes(10), 5);
    private final Instant last = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void not_again_within_the_interval() {
        assertFalse(policy.mayEmailAgain(last, 1, last.plus(Duration.ofMinutes(9))));
        assertTrue(policy.mayEmailAgain(last, 1, last.plus(Duration.ofMinutes(10))));
    }

    @Test
    void not_more_than_five_in_a_window() {
        assertTrue(policy.mayEmailAgain(last, 4, last.plus(Duration.ofHours(1))));
        assertFalse(policy.mayEmailAgain(last, 5, last.plus(Duration.ofHours(1))));
    }

    @Test
    void a_quiet_day_starts_a_new_window() {
        assertEquals(5, policy.sentInWindow(last, 5, last.plus(Duration.ofHours(23))));
        assertEquals(0, policy.sentInWindow(last, 5, last.plus(Duration.ofDays(1))));
        assertTrue(policy.mayEmailAgain(last, policy.sentInWindow(last, 5, last.plus(Duration.ofDays(1))),
                last.plus(Duration.ofDays(1))));
    }

    @Test
    void a_signature_stored_unmailed_may_be_emailed_at_once() {
        assertTrue(policy.mayEmail(last, 0, last.plus(Duration.ofSeconds(1))), "its signer never got a link");
        assertFalse(policy.mayEmail(last, 1, last.plus(Duration.ofSeconds(1))));
        assertTrue(policy.mayEmail(last, 1, last.plus(Duration.ofMinutes(10))));
        assertFalse(policy.mayEmail(last, 5, last.plus(Duration.ofHours(1))));
    }
}
