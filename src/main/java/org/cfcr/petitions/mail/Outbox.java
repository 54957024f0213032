package org.cfcr.petitions.mail;

import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Queues an email in the caller's transaction: the email exists exactly when the change that
 * caused it was committed. {@link OutboxSender} delivers it.
 */
@Singleton
public class Outbox {

    private static final String INSERT = "INSERT INTO outbox_email "
            + "(kind, signature_id, status, attempts, created_at, next_attempt_at) VALUES (?, ?, 'PENDING', 0, ?, ?)";

    private final Sql sql;

    public Outbox(Sql sql) {
        this.sql = sql;
    }

    public void enqueue(EmailKind kind, long signatureId, Instant now) {
        sql.update(INSERT, kind, signatureId, now, now);
    }

    /** One email of this kind for each signature, as one batch (one multi-row insert on MySQL and MariaDB). */
    public void enqueueAll(EmailKind kind, List<Long> signatureIds, Instant now) {
        List<Object[]> rows = new ArrayList<>(signatureIds.size());
        for (long signatureId : signatureIds) {
            rows.add(new Object[]{kind, signatureId, now, now});
        }
        sql.batch(INSERT, rows);
    }
}
