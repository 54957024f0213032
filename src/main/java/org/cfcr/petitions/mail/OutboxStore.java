package org.cfcr.petitions.mail;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.Sql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The only code that names the outbox_email table. A claim pushes the rows' next attempt one lease into the
 * future and names the claiming node: no other node takes them meanwhile, and if the claimer
 * dies they fall due again by themselves.
 */
@Singleton
class OutboxStore {

    private static final String INSERT = "INSERT INTO outbox_email (kind, signature_id, item_id, lane, status, attempts, "
            + "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?)";

    private final Sql sql;

    OutboxStore(Sql sql) {
        this.sql = sql;
    }

    /** One email of the kind per signature, in the caller's transaction, as one batch. */
    void insertAll(EmailKind kind, List<Long> signatureIds, @Nullable Long itemId, Instant now) {
        List<Object[]> rows = new ArrayList<>(signatureIds.size());
        for (long signatureId : signatureIds) {
            rows.add(new Object[]{kind.name(), signatureId, itemId, lane(kind.lane()), OutboxStatus.PENDING, now, now});
        }
        sql.batch(INSERT, rows);
    }

    /** Emails a signer waits for are lane 0, mailings lane 1: claims take lane 0 first. */
    private static int lane(EmailKind.Lane lane) {
        return lane == EmailKind.Lane.PERSONAL ? 0 : 1;
    }

    void skipPending(Collection<Long> signatureIds, @Nullable EmailKind.Lane lane) {
        if (signatureIds.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(signatureIds);
        if (lane == null) {
            sql.update("UPDATE outbox_email SET status = ? WHERE status = ? AND signature_id IN (" + in.placeholders() + ")",
                    in.after(OutboxStatus.SKIPPED, OutboxStatus.PENDING));
        } else {
            sql.update("UPDATE outbox_email SET status = ? WHERE status = ? AND lane = ? AND signature_id IN ("
                    + in.placeholders() + ")", in.after(OutboxStatus.SKIPPED, OutboxStatus.PENDING, lane(lane)));
        }
    }

    void clearErrors(Collection<Long> signatureIds) {
        if (signatureIds.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(signatureIds);
        sql.update("UPDATE outbox_email SET last_error = NULL WHERE last_error IS NOT NULL AND signature_id IN ("
                + in.placeholders() + ")", in.after());
    }

    void deleteAll(Collection<Long> signatureIds) {
        if (signatureIds.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(signatureIds);
        sql.update("DELETE FROM outbox_email WHERE signature_id IN (" + in.placeholders() + ")", in.after());
    }

    /**
     * Read committed: the claim locks only the rows it takes, never the gaps new emails go into.
     * Emails a signer waits for (lane 0) come first; mailings (lane 1) fill what is left of the batch.
     * Only emails due by {@code dueBy} are taken (now, or earlier for emails that can wait).
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public List<QueuedEmail> claim(String node, Instant now, Instant dueBy, int limit, Duration lease) {
        List<QueuedEmail> due = new ArrayList<>(due(0, dueBy, limit));
        if (due.size() < limit) {
            due.addAll(due(1, dueBy, limit - due.size()));
        }
        if (!due.isEmpty()) {
            Sql.In ids = Sql.in(due.stream().map(QueuedEmail::id).toList());
            sql.update("UPDATE outbox_email SET next_attempt_at = ?, lease_owner = ? WHERE id IN (" + ids.placeholders() + ")",
                    ids.after(now.plus(lease), node));
        }
        return due;
    }

    private List<QueuedEmail> due(int lane, Instant dueBy, int limit) {
        return sql.list("SELECT id, kind, signature_id, item_id, attempts, created_at FROM outbox_email "
                        + "WHERE status = ? AND lane = ? AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT " + limit
                        + " FOR UPDATE SKIP LOCKED",
                row -> {
                    long item = row.getLong("item_id");
                    Long itemId = row.wasNull() ? null : item; // read at once: wasNull speaks of the last column read
                    return new QueuedEmail(row.getLong("id"), row.getString("kind"), row.getLong("signature_id"), itemId,
                            row.getInt("attempts"), Sql.instant(row, "created_at"));
                },
                OutboxStatus.PENDING, lane, dueBy);
    }

    /** How many emails are due now (counted up to {@code cap}), and since when the longest-waiting one is due. */
    record Backlog(long due, @Nullable Instant oldestDueSince) {
    }

    /** Two index reads on (status, next_attempt_at), however long the queue: every node asks it every few seconds. */
    @Transactional(readOnly = true)
    public Backlog backlog(Instant now, int cap) {
        long due = sql.one("SELECT COUNT(*) AS due FROM (SELECT 1 FROM outbox_email WHERE status = ? AND next_attempt_at <= ? "
                + "LIMIT " + cap + ") capped", row -> row.getLong("due"), OutboxStatus.PENDING, now).orElse(0L);
        Instant oldest = due == 0 ? null : sql.one("SELECT MIN(next_attempt_at) AS oldest FROM outbox_email WHERE status = ?",
                row -> Sql.instant(row, "oldest"), OutboxStatus.PENDING).orElse(null);
        return new Backlog(due, oldest);
    }

    /** Extends the claim on one email just before it is sent; false if another node holds it now. */
    @Transactional
    public boolean renewLease(long id, String node, Instant now, Duration lease) {
        return sql.update("UPDATE outbox_email SET next_attempt_at = ? WHERE id = ? AND lease_owner = ? AND status = ?",
                now.plus(lease), id, node, OutboxStatus.PENDING) == 1;
    }

    /** Claimed emails this node will not send after all (it is stopping): due again at once, for any node. */
    @Transactional
    public void handBack(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE outbox_email SET next_attempt_at = ?, lease_owner = NULL WHERE lease_owner = ? AND status = ? "
                + "AND id IN (" + in.placeholders() + ")", in.after(now, node, OutboxStatus.PENDING));
    }

    // Every change after a claim names the claimer: a node whose lease ran out (and whose email
    // another node has claimed since) cannot overwrite the newer claim.

    @Transactional
    public void markSent(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE outbox_email SET status = ?, sent_at = ?, lease_owner = NULL, attempts = attempts + 1 "
                + "WHERE lease_owner = ? AND id IN (" + in.placeholders() + ")", in.after(OutboxStatus.SENT, now, node));
    }

    /** Nothing to send any more (e.g. the signature was confirmed through an earlier link). */
    @Transactional
    public void markSkipped(List<Long> ids, String node, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        Sql.In in = Sql.in(ids);
        sql.update("UPDATE outbox_email SET status = ?, sent_at = ?, lease_owner = NULL "
                + "WHERE lease_owner = ? AND id IN (" + in.placeholders() + ")", in.after(OutboxStatus.SKIPPED, now, node));
    }

    @Transactional
    public void retryLater(long id, String node, Instant nextAttempt, String error) {
        sql.update("UPDATE outbox_email SET attempts = attempts + 1, next_attempt_at = ?, lease_owner = NULL, "
                + "last_error = ? WHERE id = ? AND lease_owner = ?", nextAttempt, truncate(error), id, node);
    }

    @Transactional
    public void giveUp(long id, String node, String error) {
        sql.update("UPDATE outbox_email SET status = ?, attempts = attempts + 1, lease_owner = NULL, "
                + "last_error = ? WHERE id = ? AND lease_owner = ?", OutboxStatus.FAILED, truncate(error), id, node);
    }

    private static String truncate(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
