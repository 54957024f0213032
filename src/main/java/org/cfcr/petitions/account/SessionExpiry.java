package org.cfcr.petitions.account;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;

/**
 * Deletes the rows of sessions that ended, which no request can use any more: a table that only
 * grows would keep, for every sign-in ever made, which account was active when. Runs on every node;
 * each batch is claimed with SKIP LOCKED, so nodes share the work.
 */
@Singleton
class SessionExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(SessionExpiry.class);
    static final int BATCH = 500;

    private final Sessions sessions;
    private final Clock clock;

    SessionExpiry(Sessions sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "1m")
    void deletePeriodically() {
        try {
            deleteEnded(Instant.now(clock));
        } catch (RuntimeException e) {
            LOG.warn("Deleting ended sessions failed, will retry: {}", e.getMessage());
        }
    }

    /** Deletes every session that ended before {@code now}; returns how many. */
    int deleteEnded(Instant now) {
        int total = 0;
        int deleted;
        do {
            deleted = sessions.deleteExpired(now, BATCH);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
