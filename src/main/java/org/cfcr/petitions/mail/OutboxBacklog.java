package org.cfcr.petitions.mail;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How far behind the outbox is, as every node sees the shared queue: the emails due now and how
 * long the most overdue one has waited. Read every few seconds rather than on each scrape or
 * health check, so that neither can add load to a struggling database.
 */
@Singleton
public class OutboxBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxBacklog.class);
    /** past this many due emails the count says "at least" (the query stays an index read) */
    static final int COUNTED_UP_TO = 100_000;

    /** The backlog as last read (nothing due until the first read succeeds). */
    public record Reading(long due, Duration oldestWait) {
    }

    private final OutboxStore store;
    private final Clock clock;
    private final AtomicReference<Reading> last = new AtomicReference<>(new Reading(0, Duration.ZERO));

    OutboxBacklog(OutboxStore store, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.clock = clock;
        meters.gauge("petitions.emails.due", last, reading -> reading.get().due());
        meters.gauge("petitions.emails.oldest.due.seconds", last, reading -> reading.get().oldestWait().toSeconds());
    }

    @Scheduled(fixedDelay = "5s", initialDelay = "2s")
    void read() {
        try {
            Instant now = Instant.now(clock);
            OutboxStore.Backlog backlog = store.backlog(now, COUNTED_UP_TO);
            Duration wait = backlog.oldestDueSince() == null || backlog.oldestDueSince().isAfter(now)
                    ? Duration.ZERO : Duration.between(backlog.oldestDueSince(), now);
            last.set(new Reading(backlog.due(), wait));
        } catch (RuntimeException e) {
            LOG.debug("Could not read the outbox backlog: {}", e.getMessage());
        }
    }

    public Reading last() {
        return last.get();
    }
}
