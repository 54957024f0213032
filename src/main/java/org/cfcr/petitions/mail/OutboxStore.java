package org.cfcr.petitions.mail;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The outbox table's state changes. A claim pushes the rows' next attempt one lease into the
 * future and names the claiming node: no other node takes them meanwhile, and if the claimer
 * dies they fall due again by themselves.
 */
@Singleton
class OutboxStore {

    private final Sql sql;

    OutboxStore(Sql sql) {
        this.sql = sql;
    }

    record Claimed(long id, EmailKind kind, long signatureId, int attempts, Instant createdAt) {
    }

    @Transactional
    public List<Claimed> claim(String node, Instant now, int limit, Duration lease) {
        List<Claimed> due = sql.list("SELECT id, kind, signature_id, attempts, created_at FROM outbox_email "
                        + "WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + limit
                        + " FOR UPDATE SKIP LOCKED",
                row -> new Claimed(row.getLong("id"), EmailKind.valueOf(row.getString("kind")), row.getLong("signature_id"),
                        row.getInt("attempts"), Sql.instant(row, "created_at")),
                now);
        if (!due.isEmpty()) {
            String ids = due.stream().map(c -> Long.toString(c.id())).collect(Collectors.joining(","));
            sql.update("UPDATE outbox_email SET next_attempt_at = ?, lease_owner = ? WHERE id IN (" + ids + ")",
                    now.plus(lease), node);
        }
        return due;
    }

    @Transactional
    public void markSent(long id, Instant now) {
        sql.update("UPDATE outbox_email SET status = 'SENT', sent_at = ?, lease_owner = NULL, attempts = attempts + 1 "
                + "WHERE id = ?", now, id);
    }

    /** Nothing to send any more (e.g. the signature was confirmed through an earlier link). */
    @Transactional
    public void markSkipped(long id, Instant now) {
        sql.update("UPDATE outbox_email SET status = 'SKIPPED', sent_at = ?, lease_owner = NULL WHERE id = ?", now, id);
    }

    @Transactional
    public void retryLater(long id, Instant nextAttempt, String error) {
        sql.update("UPDATE outbox_email SET attempts = attempts + 1, next_attempt_at = ?, lease_owner = NULL, "
                + "last_error = ? WHERE id = ?", nextAttempt, truncate(error), id);
    }

    @Transactional
    public void giveUp(long id, String error) {
        sql.update("UPDATE outbox_email SET status = 'FAILED', attempts = attempts + 1, lease_owner = NULL, "
                + "last_error = ? WHERE id = ?", truncate(error), id);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
