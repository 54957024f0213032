package org.cfcr.petitions.signature;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Erases signers' personal data {@code petitions.retention.after-close} (6 months by default)
 * after their campaign closed: names, email addresses, cities and what was kept of their
 * addresses go; the country, the status and so the counts stay, and every signer is then shown
 * as hidden. What leads typed to invalidate signatures (it may name an email) goes too. Each batch
 * waits for rows another transaction holds rather than skip them, and the campaign is marked done
 * only once no row with personal data is left; a reopened campaign is left alone.
 */
@Singleton
class Anonymisation {

    private static final Logger LOG = LoggerFactory.getLogger(Anonymisation.class);
    static final int BATCH = 1000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Clock clock;
    private final Duration afterClose;

    Anonymisation(Sql sql, Clock clock, @Value("${petitions.retention.after-close:180d}") Duration afterClose) {
        this.sql = sql;
        this.clock = clock;
        this.afterClose = afterClose;
    }

    @Scheduled(fixedDelay = "${petitions.retention.interval:10m}", initialDelay = "2m")
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
        return sql.list("SELECT id FROM campaign WHERE state = 'CLOSED' AND closed_at < ? AND anonymised_at IS NULL",
                row -> row.getLong("id"), now.minus(afterClose));
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
        List<Long> ids = sql.list("SELECT id FROM signature WHERE campaign_id = ? AND id > ? ORDER BY id LIMIT " + BATCH
                        + " FOR UPDATE",
                row -> row.getLong("id"), campaignId, afterId);
        if (ids.isEmpty()) {
            return new Batch(0, -1);
        }
        for (long id : ids) {
            byte[] freshKey = new byte[32];
            RANDOM.nextBytes(freshKey); // no longer derived from the email address
            sql.update("UPDATE signature SET name = '', email = '', city = NULL, email_key = ?, email_updates = FALSE, "
                    + "public_display = ?, client_hash = NULL, client_prefix = NULL WHERE id = ? "
                    + "AND (email <> '' OR client_hash IS NOT NULL)",
                    freshKey, PublicDisplay.HIDDEN, id);
        }
        Sql.In in = Sql.in(ids);
        Object[] listed = in.after();
        sql.update("DELETE FROM confirmation_token WHERE signature_id IN (" + in.placeholders() + ")", listed);
        sql.update("DELETE FROM withdrawal_token WHERE signature_id IN (" + in.placeholders() + ")", listed);
        sql.update("UPDATE outbox_email SET status = 'SKIPPED' WHERE status = 'PENDING' AND signature_id IN ("
                + in.placeholders() + ")", listed);
        return new Batch(ids.size(), ids.get(ids.size() - 1));
    }

    /** Marks the campaign done if nothing personal is left; a row missed now is taken on the next pass. */
    @Transactional
    public void markDone(long campaignId, Instant now) {
        long left = sql.one("SELECT COUNT(*) AS n FROM signature WHERE campaign_id = ? "
                        + "AND (email <> '' OR client_hash IS NOT NULL)", row -> row.getLong("n"), campaignId).orElse(0L);
        if (left > 0) {
            return;
        }
        sql.update("UPDATE invalidation SET criteria = '(erased with the signers'' data)' WHERE campaign_id = ?", campaignId);
        sql.update("UPDATE audit_event SET detail = '(erased with the signers'' data)' WHERE campaign_id = ? "
                + "AND action IN ('signatures.invalidated', 'signatures.invalidation.undone')", campaignId);
        sql.update("UPDATE campaign SET anonymised_at = ? WHERE id = ? AND state = 'CLOSED'", now, campaignId);
    }
}
