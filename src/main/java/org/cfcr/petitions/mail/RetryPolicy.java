package org.cfcr.petitions.mail;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one retry policy for every email. Temporary failures (the SMTP server is down or slow) are
 * retried with exponential backoff for as long as the email is still useful, which is as long as a
 * confirmation link lives: an outage delays email, it does not lose it. A permanent refusal of
 * the recipient is not retried.
 */
@Singleton
class RetryPolicy {

    private final Duration base;
    private final Duration max;
    private final Duration usefulFor;

    @Inject
    RetryPolicy(MailSettings settings) {
        this(settings.retryBase(), settings.retryMax(), settings.giveUpAfter());
    }

    RetryPolicy(Duration base, Duration max, Duration usefulFor) {
        this.base = base;
        this.max = max;
        this.usefulFor = usefulFor;
    }

    boolean shouldGiveUp(MailDeliveryException failure, Instant createdAt, Instant now) {
        return failure.isPermanent() || now.isAfter(createdAt.plus(usefulFor));
    }

    /** When to try again after the given number of failed attempts (1 for the first failure). */
    Instant nextAttempt(int failedAttempts, Instant now) {
        long factor = 1L << Math.min(failedAttempts - 1, 20);
        Duration delay = base.multipliedBy(factor);
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        // jitter spreads a backlog so that recovering SMTP servers are not hit all at once
        long jitterMillis = ThreadLocalRandom.current().nextLong(Math.max(1, delay.toMillis() / 5));
        return now.plus(delay).plusMillis(jitterMillis);
    }
}
