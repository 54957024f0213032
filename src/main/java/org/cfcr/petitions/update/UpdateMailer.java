package org.cfcr.petitions.update;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;
import org.cfcr.petitions.signature.SignatureStatus;
import org.cfcr.petitions.mail.EmailKind;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Turns a queued update into outbox emails, a batch at a time, on whichever node claims the
 * mailing first (SKIP LOCKED). Each batch is one transaction that also moves the mailing's
 * cursor, so a node that dies mid-mailing leaves no gap and no duplicate. Emails go into the
 * outbox's bulk lane, behind every confirmation email.
 */
@Singleton
class UpdateMailer {

    static final int BATCH = 1000;

    private final Sql sql;
    private final Clock clock;

    UpdateMailer(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${petitions.updates.poll-interval:1s}", initialDelay = "2s")
    void queueMailings() {
        while (queueBatch()) {
            // keep going while there is work; each batch commits on its own
        }
    }

    /** Queues one batch of one mailing; false when no mailing has work left. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    protected boolean queueBatch() {
        record Mailing(long id, long campaignId, long nextSignatureId) {
        }
        List<Mailing> claimed = sql.list("SELECT id, campaign_id, next_signature_id FROM campaign_update "
                        + "WHERE mailing_state = 'QUEUED' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED",
                row -> new Mailing(row.getLong("id"), row.getLong("campaign_id"), row.getLong("next_signature_id")));
        if (claimed.isEmpty()) {
            return false;
        }
        Mailing mailing = claimed.get(0);
        List<Long> recipients = sql.list("SELECT id FROM signature WHERE campaign_id = ? AND id > ? "
                        + "AND " + SignatureStatus.COUNTED_SQL + " AND email_updates = TRUE ORDER BY id LIMIT " + BATCH,
                row -> row.getLong("id"), mailing.campaignId(), mailing.nextSignatureId());
        Instant now = Instant.now(clock);
        if (!recipients.isEmpty()) {
            long last = recipients.get(recipients.size() - 1);
            sql.update("INSERT INTO outbox_email (kind, signature_id, update_id, lane, status, attempts, created_at, next_attempt_at) "
                            + "SELECT ?, id, ?, 1, 'PENDING', 0, ?, ? FROM signature WHERE campaign_id = ? AND id > ? AND id <= ? "
                            + "AND " + SignatureStatus.COUNTED_SQL + " AND email_updates = TRUE",
                    EmailKind.UPDATE, mailing.id(), now, now, mailing.campaignId(), mailing.nextSignatureId(), last);
            sql.update("UPDATE campaign_update SET next_signature_id = ?, recipients = recipients + ? WHERE id = ?",
                    last, recipients.size(), mailing.id());
        }
        if (recipients.size() < BATCH) {
            sql.update("UPDATE campaign_update SET mailing_state = 'QUEUED_ALL', queued_at = ? WHERE id = ?", now, mailing.id());
        }
        return true;
    }
}
