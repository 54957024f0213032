package org.cfcr.petitions.account;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * A live login session: whose it is, whether its second factor has been proved ({@code verifiedAt}),
 * and when a second factor was last proved in it ({@code steppedUpAt}).
 */
public record SignedInSession(Account account, byte[] tokenHash, @Nullable Instant verifiedAt,
                              @Nullable Instant steppedUpAt) {

    /** How long a proof of the second factor covers the actions that ask for it again. */
    public static final Duration STEP_UP_LIFE = Duration.ofMinutes(15);

    public boolean isVerified() {
        return verifiedAt != null;
    }

    /** Whether the second factor was proved recently enough for an export, a new token or account... */
    public boolean isSteppedUp(Instant now) {
        return steppedUpAt != null && steppedUpAt.isAfter(now.minus(STEP_UP_LIFE));
    }
}
