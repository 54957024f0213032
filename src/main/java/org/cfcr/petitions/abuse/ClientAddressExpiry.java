package org.cfcr.petitions.abuse;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Drops what was kept of signers' addresses (hash and network) once it is older than
 * {@code petitions.retention.client-address} (30 days by default): by then a wave has been found
 * or never will be. Walks the signature table in id order from a cursor shared through the
 * database, so each pass reads only new rows; the cursor row is claimed with SKIP LOCKED, so with
 * several nodes one walks and the others skip.
 */
@Singleton
class ClientAddressExpiry {

    private static final Logger LOG = LoggerFactory.getLogger(ClientAddressExpiry.class);
    static final String CURSOR = "client-address-expiry";
    static final int BATCH = 1000;

    private final Sql sql;
    private final Clock clock;
    private final Duration retention;

    ClientAddressExpiry(Sql sql, Clock clock, @Value("${petitions.retention.client-address:30d}") Duration retention) {
        this.sql = sql;
        this.clock = clock;
        this.retention = retention;
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval:10m}", initialDelay = "1m")
    void expirePeriodically() {
        try {
            int cleared;
            do {
                cleared = expireBatch(Instant.now(clock));
            } while (cleared == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Dropping old client addresses failed, will retry: {}", e.getMessage());
        }
    }

    /** Moves the cursor over one batch of rows older than the retention; returns how many it passed. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public int expireBatch(Instant now) {
        Optional<Long> cursor = sql.one("SELECT position FROM job_cursor WHERE name = ? FOR UPDATE SKIP LOCKED",
                row -> row.getLong("position"), CURSOR);
        if (cursor.isEmpty()) {
            return 0; // another node is walking
        }
        // the next rows in id order, and of those the run older than the retention: the walk stops
        // at the first row still young, so a pass reads at most one batch
        Instant cutoff = now.minus(retention);
        List<Long> ids = new ArrayList<>();
        boolean[] young = {false};
        sql.forEach("SELECT id, created_at FROM signature WHERE id > ? ORDER BY id LIMIT " + BATCH, row -> {
            young[0] |= !Sql.instant(row, "created_at").isBefore(cutoff);
            if (!young[0]) {
                ids.add(row.getLong("id"));
            }
        }, cursor.get());
        if (ids.isEmpty()) {
            return 0;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE signature SET client_hash = NULL, client_prefix = NULL WHERE id IN (" + in.placeholders() + ")",
                in.after());
        sql.update("UPDATE job_cursor SET position = ? WHERE name = ?", ids.get(ids.size() - 1), CURSOR);
        return ids.size();
    }
}
