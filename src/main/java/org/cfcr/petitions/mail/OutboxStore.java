package org.cfcr.petitions.mail;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.db.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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

    record Claimed(long id, EmailKind kind, long signatureId, Long updateId, int attempts, Instant createdAt) {
    }

    /**
     * Read committed: the claim locks only the rows it takes, never the gaps new emails go into.
     * Emails a signer waits for (lane 0) come first; mailings (lane 1) fill what is left of the batch.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public List<Claimed> claim(String node, Instant now, int limit, Duration lease) {
        List<Claimed> due = new ArrayList<>(due(0, now, limit));
        if (due.size() < limit) {
            due.addAll(due(1, now, limit - due.size()));
        }
        if (!due.isEmpty()) {
            Sql.In ids = Sql.in(due.stream().map(Claimed::id).toList());
            sql.update("UPDATE outbox_email SET next_attempt_at = ?, lease_owner = ? WHERE id IN (" + ids.placeholders() + ")",
                    ids.after(now.plus(lease), node));
        }
        return due;
    }

    private List<Claimed> due(int lane, Instant now, int limit) {
        return sql.list("SELECT id, kind, signature_id, update_id, attempts, created_at FROM outbox_email "
                        + "WHERE status = 'PENDING' AND lane = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + limit
                        + " FOR UPDATE SKIP LOCKED",
                row -> {
                    long updateId = row.getLong("update_id");
                    return new Claimed(row.getLong("id"), EmailKind.valueOf(row.getString("kind")),
                            row.getLong("signature_id"), row.wasNull() ? null : updateId,
                            row.getInt("attempts"), Sql.instant(row, "created_at"));
                },
                lane, now);
    }

    /** Extends the claim on one email just before it is sent; false if another node holds it now. */
    @Transactional
    public boolean renewLease(long id, String node, Instant now, Duration lease) {
        return sql.update("UPDATE outbox_email SET next_attempt_at = ? WHERE id = ? AND lease_owner = ? AND status = 'PENDING'",
                now.plus(lease), id, node) == 1;
    }

    // Every change after a claim names the claimer: a node whose lease ran out (and whose email
    // another node has claimed since) cannot overwrite the newer claim.

    @Transactional
    public void markSent(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE outbox_email SET status = 'SENT', sent_at = ?, lease_owner = NULL, attempts = attempts + 1 "
                + "WHERE lease_owner = ? AND id IN (" + in.placeholders() + ")", in.after(now, node));
    }

    /** Nothing to send any more (e.g. the signature was confirmed through an earlier link). */
    @Transactional
    public void markSkipped(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE outbox_email SET status = 'SKIPPED', sent_at = ?, lease_owner = NULL "
                + "WHERE lease_owner = ? AND id IN (" + in.placeholders() + ")", in.after(now, node));
    }

    @Transactional
    public void retryLater(long id, String node, Instant nextAttempt, String error) {
        sql.update("UPDATE outbox_email SET attempts = attempts + 1, next_attempt_at = ?, lease_owner = NULL, "
                + "last_error = ? WHERE id = ? AND lease_owner = ?", nextAttempt, truncate(error), id, node);
    }

    @Transactional
    public void giveUp(long id, String node, String error) {
        sql.update("UPDATE outbox_email SET status = 'FAILED', attempts = attempts + 1, lease_owner = NULL, "
                + "last_error = ? WHERE id = ? AND lease_owner = ?", truncate(error), id, node);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
