package org.cfcr.petitions.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Queues emails in the caller's transaction: an email exists exactly when the change that caused
 * it was committed. {@link OutboxSender} delivers it.
 */
@Singleton
public class Outbox {

    private final OutboxStore store;
    private final MeterRegistry meters;
    private final Map<String, Counter> queued = new ConcurrentHashMap<>();

    Outbox(OutboxStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
    }

    public void enqueue(EmailKind kind, long signatureId, Instant now) {
        insertAll(kind, List.of(signatureId), null, now);
    }

    /** One email that carries an item of its kind's (see {@link QueuedEmail#itemId}). */
    public void enqueue(EmailKind kind, long signatureId, long itemId, Instant now) {
        insertAll(kind, List.of(signatureId), itemId, now);
    }

    /** One email of this kind for each signature, as one batch (one multi-row insert on MySQL and MariaDB). */
    public void enqueueAll(EmailKind kind, List<Long> signatureIds, Instant now) {
        insertAll(kind, signatureIds, null, now);
    }

    /** One email for each signature, each carrying the same item (a mailing's update). */
    public void enqueueAll(EmailKind kind, List<Long> signatureIds, long itemId, Instant now) {
        insertAll(kind, signatureIds, itemId, now);
    }

    // counted as the queueing transaction runs: one that rolls back, or is retried after a conflict,
    // has counted its emails too (a rate to watch, not a ledger: the table is the ledger)
    private void insertAll(EmailKind kind, List<Long> signatureIds, Long itemId, Instant now) {
        store.insertAll(kind, signatureIds, itemId, now);
        queued.computeIfAbsent(kind.name(), name -> meters.counter("petitions.emails.queued", "kind",
                name.toLowerCase(Locale.ROOT))).increment(signatureIds.size());
    }

    /**
     * The signatures' signers are erased: their emails still waiting are not sent, and what the mail
     * server said about any of them goes too (a refusal may have named the address).
     */
    public void forget(Collection<Long> signatureIds) {
        store.skipPending(signatureIds, null);
        store.clearErrors(signatureIds);
    }

    /** The signatures' waiting emails of one lane are not sent (unsubscribed: no more mailings). */
    public void dropPending(Collection<Long> signatureIds, EmailKind.Lane lane) {
        store.skipPending(signatureIds, lane);
    }

    /** Every email of these signatures goes, sent or not (the signatures themselves are deleted). */
    public void deleteAll(Collection<Long> signatureIds) {
        store.deleteAll(signatureIds);
    }
}
