package org.cfcr.petitions.mail;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Temporary failures back off exponentially for as long as the email is useful; a refusal is final. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofDays(7));
    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void the_wait_doubles_from_the_base_up_to_the_cap_with_at_most_a_fifth_of_jitter() {
        assertWithin(Duration.ofSeconds(30), policy.nextAttempt(1, now));
        assertWithin(Duration.ofSeconds(60), policy.nextAttempt(2, now));
        assertWithin(Duration.ofSeconds(120), policy.nextAttempt(3, now));
        assertWithin(Duration.ofMinutes(15), policy.nextAttempt(10, now));
        assertWithin(Duration.ofMinutes(15), policy.nextAttempt(1000, now));
    }

    private void assertWithin(Duration delay, Instant next) {
        Duration waited = Duration.between(now, next);
        assertTrue(waited.compareTo(delay) >= 0 && waited.compareTo(delay.plus(delay.dividedBy(5))) <= 0,
                "waited " + waited + " for a delay of " + delay);
    }

    @Test
    void a_permanent_refusal_is_not_retried() {
        assertTrue(policy.shouldGiveUp(new MailDeliveryException("550 no such user", true, null), now, now));
    }

    @Test
    void a_temporary_failure_is_retried_while_the_link_in_the_email_works() {
        MailDeliveryException down = new MailDeliveryException("421 try later", false, null);
        assertFalse(policy.shouldGiveUp(down, now, now.plus(Duration.ofDays(6))));
        assertTrue(policy.shouldGiveUp(down, now, now.plus(Duration.ofDays(7)).plusSeconds(1)));
    }
}
