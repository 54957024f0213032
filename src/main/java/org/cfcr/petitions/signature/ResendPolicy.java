package org.cfcr.petitions.signature;

import java.time.Duration;
import java.time.Instant;

/**
 * How often signing again may email the signer: at most once per interval and a few times a day,
 * so no one can use the form to flood someone's mailbox, while the owner can still get a new link
 * tomorrow. A signature counts the emails of its current day-long window; a quiet day starts anew.
 * A signature stored without an email counts none (see {@link SignatureStore.NewSignature}).
 */
record ResendPolicy(Duration interval, int perWindow) {

    static final Duration WINDOW = Duration.ofDays(1);

    static ResendPolicy of(SigningSettings settings) {
        return new ResendPolicy(settings.resendInterval(), settings.maxEmailsPerSignature());
    }

    /** How many emails the signature's current window holds, given the last one and the count kept. */
    int sentInWindow(Instant lastEmailedAt, int emailsSent, Instant now) {
        return now.isBefore(lastEmailedAt.plus(WINDOW)) ? emailsSent : 0;
    }

    boolean mayEmailAgain(Instant lastEmailedAt, int sentInWindow, Instant now) {
        return sentInWindow < perWindow && !now.isBefore(lastEmailedAt.plus(interval));
    }

    /**
     * Whether signing again may email the signer now, given the signature's last email and the
     * count kept. A signature stored unmailed (held beyond its sources' email budget) has had no
     * email at all: its signer may get one at once.
     */
    boolean mayEmail(Instant lastEmailedAt, int emailsSent, Instant now) {
        return emailsSent == 0 || mayEmailAgain(lastEmailedAt, sentInWindow(lastEmailedAt, emailsSent, now), now);
    }
}
