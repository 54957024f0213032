package org.cfcr.petitions.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.cfcr.petitions.kernel.db.DatabaseTrouble;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.kernel.web.VisitorLoad;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Delivers due outbox emails, on every node. Claims make sure two nodes never send the same
 * email: once half the lease has passed, each email's lease is renewed just before it is sent,
 * and an email whose lease another node has taken over is left to that node. The lease
 * (petitions.mail.lease) outlasts the SMTP timeouts of one send. A node restarted mid-batch
 * leaves its claimed emails to fall due again after the lease. A node asked to stop finishes the
 * emails it started, marks them, and hands back the rest of its claim at once.
 * <p>
 * While visitors keep the node's processors busy ({@link VisitorLoad}), an email waits for
 * spare capacity until it has been due for the patience (petitions.mail.patience), and is claimed
 * then, busy or not: in a surge the processors go to the people waiting on a page or a signature
 * first, and the confirmation emails of a burst follow it within the patience. A load that
 * outlasts the patience gets its emails that late at least, and later still if it signs faster
 * than the node can send beside it (bench/surge); an email retried or handed back waits again.
 */
@Singleton
class OutboxSender implements GracefulShutdownCapable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 200;
    /** the pause after each failed mark grows by this, up to ten times it */
    private static final Duration MARK_PAUSE = Duration.ofMillis(500);

    private final OutboxStore store;
    private final LetterWriters writers;
    private final MailTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration lease;
    private final Duration markingPatience;
    private final VisitorLoad visitors;
    private final Duration patience;
    private final boolean patient;
    private final String node = "node-" + UUID.randomUUID();
    private final ExecutorService senders;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicReference<Attempt> lastAttempt = new AtomicReference<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** held for each pass over the queue, so that stopping can wait for the one under way */
    private final ReentrantLock pass = new ReentrantLock();
    private final Counter delivered;
    private final Counter failedForNow;
    private final Counter givenUp;

    OutboxSender(OutboxStore store, LetterWriters writers, MailTransport transport, RetryPolicy retry, Clock clock,
                 MailSettings settings, VisitorLoad visitors, MeterRegistry meters) {
        int concurrency = settings.concurrency();
        // each email waits mostly on the SMTP server and the database, one after the other;
        // several at once overlap the waits
        this.senders = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "outbox-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.store = store;
        this.writers = writers;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
        this.lease = settings.lease();
        this.visitors = visitors;
        this.patience = settings.patience();
        this.patient = patience.compareTo(Duration.ZERO) > 0;
        // until the lease ends no other node sends these emails, so a mark that lands before then
        // saves them from a second sending; half the lease leaves room for the last attempt
        this.markingPatience = lease.dividedBy(2);
        this.delivered = meters.counter("petitions.emails.sent");
        this.failedForNow = meters.counter("petitions.emails.failed", "outcome", "retry_later");
        this.givenUp = meters.counter("petitions.emails.failed", "outcome", "given_up");
        meters.gauge("petitions.emails.sending", inFlight);
    }

    /** The last delivery this node tried: when, and what failed (null when it was delivered). */
    record Attempt(Instant at, @Nullable String failure) {
    }

    Optional<Attempt> lastAttempt() {
        return Optional.ofNullable(lastAttempt.get());
    }

    @Scheduled(fixedDelay = "${petitions.mail.poll-interval}", initialDelay = "1s")
    void sendDue() {
        if (stopping.get() || !pass.tryLock()) {
            return;
        }
        try {
            while (!stopping.get() && sendBatch() == BATCH) {
                LOG.debug("Outbox has more due emails");
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox pass failed, will retry: {}", e.getMessage());
        } finally {
            pass.unlock();
        }
    }

    /** Starts no more emails, and completes once the pass under way has marked what it sent. */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        stopping.set(true);
        return CompletableFuture.runAsync(() -> {
            pass.lock();
            pass.unlock();
        }, runnable -> new Thread(runnable, "outbox-stopping").start());
    }

    @PreDestroy
    void stop() {
        stopping.set(true);
        senders.shutdownNow();
    }

    /**
     * Sends one batch, several emails at a time; returns how many were claimed, or 0 once the SMTP
     * server fails. Once it fails, emails not yet started are left alone: they fall due again when
     * their lease ends, rather than each trying a server that is down.
     */
    int sendBatch() {
        Instant claimedAt = Instant.now(clock);
        Instant dueBy = patient && visitors.keepProcessorsBusy() ? claimedAt.minus(patience) : claimedAt;
        List<QueuedEmail> claimed = store.claim(node, claimedAt, dueBy, BATCH, lease);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Optional<Letters.Letter>> drafts;
        try {
            drafts = writers.prepare(claimed);
        } catch (RuntimeException e) {
            // each email backs off and counts an attempt, so one that always fails is given up in time
            LOG.warn("Preparing {} outbox emails failed, will retry: {}", claimed.size(), e.getMessage());
            Instant now = Instant.now(clock);
            claimed.forEach(email -> store.retryLater(email.id(), node, retry.nextAttempt(email.attempts() + 1, now),
                    e.getClass().getSimpleName()));
            return 0;
        }
        List<Long> skipped = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            if (drafts.get(i).isEmpty()) {
                skipped.add(claimed.get(i).id());
            }
        }
        store.markSkipped(skipped, node, Instant.now(clock));

        AtomicBoolean smtpFailed = new AtomicBoolean();
        Queue<Long> sent = new ConcurrentLinkedQueue<>();
        Queue<Long> notStarted = new ConcurrentLinkedQueue<>();
        List<Future<?>> sending = new ArrayList<>();
        try {
            for (int i = 0; i < claimed.size(); i++) {
                QueuedEmail email = claimed.get(i);
                Optional<Letters.Letter> draft = drafts.get(i);
                if (draft.isPresent()) {
                    sending.add(senders.submit(() -> {
                        if (stopping.get()) {
                            notStarted.add(email.id());
                            return;
                        }
                        if (smtpFailed.get()) {
                            return;
                        }
                        inFlight.incrementAndGet();
                        try {
                            if (!deliver(email, draft.get(), claimedAt, sent)) {
                                smtpFailed.set(true);
                            }
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }));
                }
            }
            for (Future<?> one : sending) {
                try {
                    one.get();
                } catch (ExecutionException e) {
                    LOG.error("Sending an outbox email failed unexpectedly", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        } finally {
            // one write for the whole batch; a node that dies before it sends these again after the lease
            try {
                markSent(sent);
            } finally {
                handBack(notStarted);
            }
        }
        return smtpFailed.get() ? 0 : claimed.size();
    }

    /**
     * Marks what has been sent so far (and takes it off the queue). The SMTP server has these emails:
     * a mark lost would send them again once their lease ends, so while the database is away or lost
     * a conflict (a database restarted, a cluster node lost, a write another cluster node committed
     * first) it is tried again for up to half the lease, each time in a new transaction, which the
     * pool opens on a server that answers. If it still fails, the ids go back on the queue for the
     * batch's last mark. Marking is idempotent.
     */
    private void markSent(Queue<Long> sent) {
        List<Long> ids = new ArrayList<>();
        for (Long id = sent.poll(); id != null; id = sent.poll()) {
            ids.add(id);
        }
        if (ids.isEmpty()) {
            return;
        }
        Instant giveUpAt = Instant.now().plus(markingPatience);
        for (int attempt = 1; ; attempt++) {
            try {
                store.markSent(ids, node, Instant.now(clock));
                return;
            } catch (RuntimeException failure) {
                boolean worthAnotherTry = Sql.isConflict(failure) || DatabaseTrouble.isUnavailable(failure);
                Duration pause = MARK_PAUSE.multipliedBy(Math.min(attempt, 10));
                if (!worthAnotherTry || Instant.now().plus(pause).isAfter(giveUpAt)) {
                    sent.addAll(ids);
                    throw failure;
                }
                LOG.warn("Marking {} sent emails failed (attempt {}), trying again: {}", ids.size(), attempt,
                        failure.getMessage());
                pause(pause, failure, sent, ids);
            }
        }
    }

    /** Emails claimed but not started because the node is stopping: another node may send them at once. */
    private void handBack(Queue<Long> notStarted) {
        List<Long> ids = new ArrayList<>(notStarted);
        if (ids.isEmpty()) {
            return;
        }
        try {
            store.handBack(ids, node, Instant.now(clock));
            LOG.info("Stopping: handed back {} claimed emails", ids.size());
        } catch (RuntimeException e) {
            LOG.warn("Stopping: could not hand back {} claimed emails; they fall due when their lease ends: {}",
                    ids.size(), e.getMessage());
        }
    }

    private static void pause(Duration pause, RuntimeException failure, Queue<Long> sent, List<Long> ids) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sent.addAll(ids);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    private boolean deliver(QueuedEmail email, Letters.Letter draft, Instant claimedAt, Queue<Long> sent) {
        // A batch normally goes out within a second of its claim. One slowed down by a struggling
        // server works email by email once half the lease has passed: what was sent is marked
        // before the lease can run out, and each email's lease is renewed before it is sent.
        boolean claimGettingOld = Instant.now(clock).isAfter(claimedAt.plus(lease.dividedBy(2)));
        if (claimGettingOld) {
            markSent(sent);
            if (!store.renewLease(email.id(), node, Instant.now(clock), lease)) {
                // our lease ran out before we got here and another node has taken the email: it is theirs
                return true;
            }
        }
        try {
            transport.deliver(draft.render());
        } catch (MailDeliveryException failure) {
            Instant now = Instant.now(clock);
            lastAttempt.set(new Attempt(now, failure.getMessage()));
            if (retry.shouldGiveUp(failure, email.createdAt(), now)) {
                LOG.warn("Giving up on outbox email {}: {}", email.id(), failure.getMessage());
                givenUp.increment();
                store.giveUp(email.id(), node, failure.getMessage());
                return true;
            }
            LOG.warn("Could not send outbox email {} (attempt {}), will retry: {}", email.id(), email.attempts() + 1,
                    failure.getMessage());
            failedForNow.increment();
            store.retryLater(email.id(), node, retry.nextAttempt(email.attempts() + 1, now), failure.getMessage());
            return false;
        } catch (RuntimeException unexpected) {
            // a fault of ours, not of the SMTP server: record it, back off, and go on with the others
            LOG.error("Unexpected failure on outbox email {}", email.id(), unexpected);
            store.retryLater(email.id(), node, retry.nextAttempt(email.attempts() + 1, Instant.now(clock)),
                    unexpected.getClass().getSimpleName());
            return true;
        }
        // delivered: whatever happens to the mark now, the email is not to be tried again (a mark
        // that fails leaves its ids for the batch's last one)
        sent.add(email.id());
        delivered.increment();
        lastAttempt.set(new Attempt(Instant.now(clock), null));
        if (claimGettingOld) {
            markSent(sent);
        }
        return true;
    }
}
