package org.cfcr.petitions.mail;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers due outbox emails, on every node. Claims make sure two nodes never send the same
 * email: each email's lease is renewed just before it is sent, and an email whose lease another
 * node has taken over is left to that node. The lease (2 minutes) outlasts the SMTP timeouts of one
 * send. A node restarted mid-batch leaves its claimed emails to fall due again after the lease.
 */
@Singleton
class OutboxSender {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 50;

    private final OutboxStore store;
    private final EmailComposer composer;
    private final MailTransport transport;
    private final RetryPolicy retry;
    private final Clock clock;
    private final Duration lease;
    private final String node = "node-" + UUID.randomUUID();

    OutboxSender(OutboxStore store, EmailComposer composer, MailTransport transport, RetryPolicy retry, Clock clock,
                 @Value("${petitions.mail.lease:2m}") Duration lease) {
        this.store = store;
        this.composer = composer;
        this.transport = transport;
        this.retry = retry;
        this.clock = clock;
        this.lease = lease;
    }

    @Scheduled(fixedDelay = "${petitions.mail.poll-interval:500ms}", initialDelay = "1s")
    void sendDue() {
        try {
            while (sendBatch() == BATCH) {
                LOG.debug("Outbox has more due emails");
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox pass failed, will retry: {}", e.getMessage());
        }
    }

    /** Sends one batch; returns how many were claimed, or 0 once the SMTP server fails. */
    int sendBatch() {
        List<OutboxStore.Claimed> claimed = store.claim(node, Instant.now(clock), BATCH, lease);
        for (OutboxStore.Claimed email : claimed) {
            if (!deliver(email)) {
                // the rest of the batch falls due again when its lease ends
                return 0;
            }
        }
        return claimed.size();
    }

    private boolean deliver(OutboxStore.Claimed email) {
        if (!store.renewLease(email.id(), node, Instant.now(clock), lease)) {
            // our lease ran out before we got here and another node has taken the email: it is theirs
            return true;
        }
        try {
            Optional<OutgoingEmail> message = composer.compose(email.kind(), email.signatureId(), email.updateId());
            if (message.isEmpty()) {
                store.markSkipped(email.id(), node, Instant.now(clock));
                return true;
            }
            transport.deliver(message.get());
            store.markSent(email.id(), node, Instant.now(clock));
            return true;
        } catch (MailDeliveryException failure) {
            Instant now = Instant.now(clock);
            if (retry.shouldGiveUp(failure, email.createdAt(), now)) {
                LOG.warn("Giving up on outbox email {}: {}", email.id(), failure.getMessage());
                store.giveUp(email.id(), node, failure.getMessage());
                return true;
            }
            LOG.warn("Could not send outbox email {} (attempt {}), will retry: {}", email.id(), email.attempts() + 1,
                    failure.getMessage());
            store.retryLater(email.id(), node, retry.nextAttempt(email.attempts() + 1, now), failure.getMessage());
            return false;
        } catch (RuntimeException unexpected) {
            // a fault of ours, not of the SMTP server: record it, back off, and go on with the others
            LOG.error("Unexpected failure on outbox email {}", email.id(), unexpected);
            store.retryLater(email.id(), node, retry.nextAttempt(email.attempts() + 1, Instant.now(clock)),
                    unexpected.getClass().getSimpleName());
            return true;
        }
    }
}
