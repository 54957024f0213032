package org.cfcr.petitions.update;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.util.Optional;

/** A signer's "no more updates": their signature stays and counts; the mailings stop. */
@Singleton
public class Unsubscriptions {

    private final Sql sql;

    Unsubscriptions(Sql sql) {
        this.sql = sql;
    }

    /** The campaign of the signature, after making sure it gets no more updates; empty if the signature is gone. */
    @Transactional
    public Optional<Long> unsubscribe(long signatureId) {
        Optional<Long> campaign = sql.one("SELECT campaign_id FROM signature WHERE id = ?",
                row -> row.getLong("campaign_id"), signatureId);
        campaign.ifPresent(found -> {
            sql.update("UPDATE signature SET email_updates = FALSE WHERE id = ? AND email_updates = TRUE", signatureId);
            // updates already queued for this signer are dropped too
            sql.update("UPDATE outbox_email SET status = 'SKIPPED' WHERE signature_id = ? AND lane = 1 AND status = 'PENDING'",
                    signatureId);
        });
        return campaign;
    }

    @Transactional(readOnly = true)
    public Optional<Long> campaignOf(long signatureId) {
        return sql.one("SELECT campaign_id FROM signature WHERE id = ?", row -> row.getLong("campaign_id"), signatureId);
    }
}
