package org.cfcr.petitions.signature;

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
import java.util.List;

/**
 * Keeps no personal data longer than it serves: signatures never confirmed are deleted after
 * UNCONFIRMED_RETENTION (30 days by default) with their links and queued emails. Runs on every
 * node; each batch is claimed with SKIP LOCKED, so nodes share the work and a signature being
 * confirmed at that moment is left alone.
 */
@Singleton
class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    static final int BATCH = 500;

    private final Sql sql;
    private final Clock clock;
    private final Duration unconfirmedRetention;

    Retention(Sql sql, Clock clock, @Value("${petitions.retention.unconfirmed:30d}") Duration unconfirmedRetention) {
        this.sql = sql;
        this.clock = clock;
        this.unconfirmedRetention = unconfirmedRetention;
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval:10m}", initialDelay = "1m")
    void purgePeriodically() {
        try {
            int deleted;
            do {
                deleted = purgeUnconfirmed(Instant.now(clock));
                if (deleted > 0) {
                    LOG.info("Deleted {} unconfirmed signatures older than {}", deleted, unconfirmedRetention);
                }
            } while (deleted == BATCH);
        } catch (RuntimeException e) {
            LOG.warn("Retention pass failed, will retry: {}", e.getMessage());
        }
    }

    /** Deletes one batch of old unconfirmed signatures; returns how many. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public int purgeUnconfirmed(Instant now) {
        List<Long> ids = sql.list("SELECT id FROM signature WHERE status = 'PENDING' AND created_at < ? "
                        + "ORDER BY created_at LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED",
                row -> row.getLong("id"), now.minus(unconfirmedRetention));
        if (ids.isEmpty()) {
            return 0;
        }
        Sql.In in = Sql.in(ids);
        Object[] listed = in.after();
        sql.update("DELETE FROM confirmation_token WHERE signature_id IN (" + in.placeholders() + ")", listed);
        sql.update("DELETE FROM withdrawal_token WHERE signature_id IN (" + in.placeholders() + ")", listed);
        sql.update("DELETE FROM outbox_email WHERE signature_id IN (" + in.placeholders() + ")", listed);
        return sql.update("DELETE FROM signature WHERE status = 'PENDING' AND id IN (" + in.placeholders() + ")",
                listed);
    }
}
