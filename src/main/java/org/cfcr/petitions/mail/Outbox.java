package org.cfcr.petitions.mail;

import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Instant;

/**
 * Queues an email in the caller's transaction: the email exists exactly when the change that
 * caused it was committed. {@link OutboxSender} delivers it.
 */
@Singleton
public class Outbox {

    private final Sql sql;

    public Outbox(Sql sql) {
        this.sql = sql;
    }

    public void enqueue(EmailKind kind, long signatureId, Instant now) {
        sql.update("INSERT INTO outbox_email (kind, signature_id, status, attempts, created_at, next_attempt_at) "
                + "VALUES (?, ?, 'PENDING', 0, ?, ?)", kind, signatureId, now, now);
    }
}
