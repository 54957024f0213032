package org.cfcr.petitions.signature;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.secret.PersonalDataCipher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.util.Optional;

/**
 * Moves signers' details to the current key: rows stored before encryption (at the first start
 * after the upgrade, before this node serves anyone, so that a returning signer is recognised by
 * the keyed mailbox hash), and rows sealed by an older key after a rotation (in the background).
 * Rows are taken with SKIP LOCKED, so nodes starting together share the work.
 */
@Singleton
public class PersonalDataResealing {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalDataResealing.class);
    static final int BATCH = 500;

    private final SignatureStore store;
    private final TransactionOperations<Connection> transactions;
    private final PersonalDataCipher cipher;

    PersonalDataResealing(SignatureStore store, TransactionOperations<Connection> transactions,
                          PersonalDataCipher cipher) {
        this.store = store;
        this.transactions = transactions;
        this.cipher = cipher;
    }

    @EventListener
    void onStartup(StartupEvent started) {
        // until none is left: rows another node starting at the same time holds are sealed by it,
        // and this node serves no one before a returning signer is found by the keyed hash
        while (transactions.executeRead(status -> store.anyStillClear())) {
            LOG.info("Sealing signers' details stored before encryption, with key {}", cipher.keyId());
            LOG.info("Sealed the signatures up to id {}", resealAll());
        }
    }

    @Scheduled(initialDelay = "30s", fixedDelay = "1h")
    void resealPeriodically() {
        try {
            long upTo = resealAll();
            if (upTo > 0) {
                LOG.info("Re-sealed the signatures up to id {} with key {}", upTo, cipher.keyId());
            }
        } catch (RuntimeException e) {
            LOG.warn("Re-sealing signers' details failed, will retry: {}", e.getMessage());
        }
    }

    /** One walk over the table; returns the last signature id it re-sealed, 0 when none needed it. */
    public long resealAll() {
        long after = 0;
        for (Optional<Long> last = resealBatch(after); last.isPresent(); last = resealBatch(after)) {
            after = last.get();
        }
        long repeatsAfter = 0;
        for (Optional<Long> last = resealRepeats(repeatsAfter); last.isPresent(); last = resealRepeats(repeatsAfter)) {
            repeatsAfter = last.get();
        }
        return after;
    }

    /** Read committed: the walk's scan then locks only the rows it re-seals, not every row it passes. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Long> resealBatch(long afterId) {
        return store.resealAfter(afterId, BATCH);
    }

    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Optional<Long> resealRepeats(long afterId) {
        return store.resealResubmissionsAfter(afterId, BATCH);
    }
}
