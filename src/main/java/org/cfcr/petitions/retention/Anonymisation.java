package org.cfcr.petitions.retention;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.checks.Invalidations;
import org.cfcr.petitions.signature.SignatureStore;
import org.cfcr.petitions.signature.SignerErasure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Erases signers' personal data {@code petitions.retention.after-close} (6 months by default)
 * after their campaign first closed (a reopening does not postpone it): names, email addresses, cities and what was kept of their
 * addresses go; the country, the status and so the counts stay, and every signer is then shown
 * as hidden. What leads typed to invalidate signatures (it may name an email) goes too. Each batch
 * waits for rows another transaction holds rather than skip them, and the campaign is marked done
 * only once no row with personal data is left; a reopened campaign is left alone.
 */
@Singleton
class Anonymisation {

    private static final Logger LOG = LoggerFactory.getLogger(Anonymisation.class);
    static final int BATCH = 1000;

    private final SignatureStore signatures;
    private final SignerErasure erasure;
    private final CampaignStore campaigns;
    private final Invalidations invalidations;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration afterClose;

    Anonymisation(SignatureStore signatures, SignerErasure erasure, CampaignStore campaigns, Invalidations invalidations,
                  AuditLog audit, Clock clock, RetentionSettings settings) {
        this.signatures = signatures;
        this.erasure = erasure;
        this.campaigns = campaigns;
        this.invalidations = invalidations;
        this.audit = audit;
        this.clock = clock;
        this.afterClose = settings.afterClose();
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval}", initialDelay = "2m")
    void anonymisePeriodically() {
        try {
            for (long campaignId : due(Instant.now(clock))) {
                long erased = anonymise(campaignId);
                LOG.info("Campaign {} closed more than {} ago: erased the personal data of {} signers",
                        campaignId, afterClose, erased);
            }
        } catch (RuntimeException e) {
            LOG.warn("Anonymising signers failed, will retry: {}", e.getMessage());
        }
    }

    @Transactional(readOnly = true)
    public List<Long> due(Instant now) {
        return campaigns.closedBeforeAndNotErased(now.minus(afterClose));
    }

    /** Erases one campaign's signers, batch by batch; returns how many. */
    public long anonymise(long campaignId) {
        long erased = 0;
        long after = 0;
        while (true) {
            Batch batch = anonymiseBatch(campaignId, after);
            erased += batch.erased();
            if (batch.lastId() < 0) {
                break;
            }
            after = batch.lastId();
        }
        markDone(campaignId, Instant.now(clock));
        return erased;
    }

    record Batch(int erased, long lastId) {
    }

    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public Batch anonymiseBatch(long campaignId, long afterId) {
        List<Long> ids = signatures.lockCampaignBatch(campaignId, afterId, BATCH);
        if (ids.isEmpty()) {
            return new Batch(0, -1);
        }
        int erased = erasure.erase(ids, SignatureStore.Erasure.AFTER_CLOSE);
        return new Batch(erased, ids.get(ids.size() - 1));
    }

    /** Marks the campaign done if nothing personal is left; a row missed now is taken on the next pass. */
    @Transactional
    public void markDone(long campaignId, Instant now) {
        if (signatures.countHoldingPersonalData(campaignId) > 0) {
            return;
        }
        invalidations.eraseCriteria(campaignId);
        audit.eraseDetails(campaignId, Invalidations.AUDITED_ACTIONS);
        campaigns.markErased(campaignId, now);
    }
}
