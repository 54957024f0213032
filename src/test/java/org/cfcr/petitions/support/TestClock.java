package org.cfcr.petitions.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The service's clock in tests: the real time, moved when a test needs days to pass (a link to
 * expire, a campaign to close long ago) instead of editing the rows that hold the times.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    /** Everything the service does from now on happens this much later. */
    public void advance(Duration by) {
        ahead.accumulateAndGet(by, Duration::plus);
    }

    /** Everything the service does from now on happens this much earlier (a signature made days ago). */
    public void goBack(Duration by) {
        advance(by.negated());
    }

    /** Back to the real time. */
    public void reset() {
        ahead.set(Duration.ZERO);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), ahead.get());
    }
}
