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

    private final Sql sql;

    public Outbox(Sql sql) {
        this.sql = sql;
    }

    public void enqueue(EmailKind kind, long signatureId, Instant now) {
        enqueueAll(kind, List.of(signatureId), now);
    }

    /** One email of this kind for each signature, in one statement. */
    public void enqueueAll(EmailKind kind, List<Long> signatureIds, Instant now) {
        if (signatureIds.isEmpty()) {
            return;
        }
        List<Object> args = new ArrayList<>(signatureIds.size() * 4);
        for (long signatureId : signatureIds) {
            args.addAll(List.of(kind, signatureId, now, now));
        }
        sql.update("INSERT INTO outbox_email (kind, signature_id, status, attempts, created_at, next_attempt_at) "
                + "VALUES " + Sql.repeated("(?, ?, 'PENDING', 0, ?, ?)", signatureIds.size()), args.toArray());
    }
}
