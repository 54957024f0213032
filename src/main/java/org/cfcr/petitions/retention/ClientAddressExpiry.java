package org.cfcr.petitions.retention;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.signature.SignatureStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final SignatureStore signatures;
    private final Clock clock;
    private final Duration retention;

    ClientAddressExpiry(Sql sql, SignatureStore signatures, Clock clock, RetentionSettings settings) {
        this.sql = sql;
        this.signatures = signatures;
        this.clock = clock;
        this.retention = settings.clientAddress();
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval}", initialDelay = "1m")
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
        List<Long> ids = signatures.idsCreatedBefore(cursor.get(), now.minus(retention), BATCH);
        if (ids.isEmpty()) {
            return 0;
        }
        signatures.forgetClientAddresses(ids);
        sql.update("UPDATE job_cursor SET position = ? WHERE name = ?", ids.get(ids.size() - 1), CURSOR);
        return ids.size();
    }
}
