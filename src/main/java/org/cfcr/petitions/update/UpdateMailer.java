package org.cfcr.petitions.update;

import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.mail.Outbox;
import org.cfcr.petitions.signature.SignatureStore;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Turns a queued update into outbox emails, a batch at a time, on whichever node claims the
 * mailing first (SKIP LOCKED). Each batch is one transaction that also moves the mailing's
 * cursor, so a node that dies mid-mailing leaves no gap and no duplicate. Emails go into the
 * outbox's bulk lane, behind every confirmation email.
 */
@Singleton
class UpdateMailer {

    static final int BATCH = 1000;

    private final CampaignUpdates updates;
    private final SignatureStore signatures;
    private final Outbox outbox;
    private final Clock clock;

    UpdateMailer(CampaignUpdates updates, SignatureStore signatures, Outbox outbox, Clock clock) {
        this.updates = updates;
        this.signatures = signatures;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${petitions.updates.poll-interval}", initialDelay = "2s")
    void queueMailings() {
        while (queueBatch()) {
            // keep going while there is work; each batch commits on its own
        }
    }

    /** Queues one batch of one mailing; false when no mailing has work left. */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    protected boolean queueBatch() {
        Optional<CampaignUpdates.Mailing> claimed = updates.claimMailing();
        if (claimed.isEmpty()) {
            return false;
        }
        CampaignUpdates.Mailing mailing = claimed.get();
        List<Long> recipients = signatures.updateRecipientsAfter(mailing.campaignId(), mailing.nextSignatureId(), BATCH);
        Instant now = Instant.now(clock);
        if (!recipients.isEmpty()) {
            outbox.enqueueAll(UpdateEmail.UPDATE, recipients, mailing.id(), now);
            updates.mailingQueued(mailing.id(), recipients.get(recipients.size() - 1), recipients.size());
        }
        if (recipients.size() < BATCH) {
            updates.mailingDone(mailing.id(), now);
        }
        return true;
    }
}
