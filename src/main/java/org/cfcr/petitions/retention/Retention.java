package org.cfcr.petitions.retention;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.SignerErasure;
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

    private final SignatureStore signatures;
    private final SignerErasure erasure;
    private final Clock clock;
    private final Duration unconfirmedRetention;

    Retention(SignatureStore signatures, SignerErasure erasure, Clock clock, RetentionSettings settings) {
        this.signatures = signatures;
        this.erasure = erasure;
        this.clock = clock;
        this.unconfirmedRetention = settings.unconfirmed();
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval}", initialDelay = "1m")
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
        List<Long> ids = signatures.lockPendingCreatedBefore(now.minus(unconfirmedRetention), BATCH);
        return erasure.erase(ids, SignatureStore.Erasure.NEVER_CONFIRMED);
    }
}
