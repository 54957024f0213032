package org.cfcr.petitions.signature;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignClosedException;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.kernel.db.Sql;
import org.cfcr.petitions.mail.Outbox;
import org.cfcr.petitions.signature.screening.HeldEmailBudget;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records a signature and the email that asks to confirm it, in one transaction: once the signer
 * is told to check their email, both are durable.
 *
 * <p>The signer learns nothing about whether the address had signed before: a new, a pending and
 * a confirmed signer all get the same answer, and only the owner of the mailbox finds out
 * (a new confirmation link, or a note that the signature already counts).
 *
 * <p>A submission that a rule holds back is emailed only within the email budget of its sources
 * ({@link HeldEmailBudget}); beyond it a new signature is stored unmailed, and the signer's next
 * attempt can still get a link. The signer's answer is the same either way.
 */
@Singleton
public class SigningService {

    /**
     * What happened, for logs and tests; never shown to the signer. NEW_UNMAILED: stored, held,
     * without an email (beyond its sources' email budget). EMAIL_SUPPRESSED: a repeat that gets no
     * email (too soon, too many, or held beyond the budget), and nothing of it is kept.
     * CAMPAIGN_CLOSED: the campaign was closed by the time the signature was stored, and nothing was.
     */
    public enum Outcome {
        NEW, NEW_UNMAILED, CONFIRMATION_RESENT, ALREADY_SIGNED_NOTICE, EMAIL_SUPPRESSED, CAMPAIGN_CLOSED
    }

    private final CampaignCatalog catalog;
    private final CampaignStore campaigns;
    private final SignatureStore store;
    private final Outbox outbox;
    private final HeldEmailBudget heldEmails;
    private final SigningSettings config;
    private final Clock clock;

    public SigningService(CampaignCatalog catalog, CampaignStore campaigns, SignatureStore store, Outbox outbox,
                          HeldEmailBudget heldEmails, SigningSettings config, Clock clock) {
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.store = store;
        this.outbox = outbox;
        this.heldEmails = heldEmails;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The campaign open for signing under this slug, or why there is none, as the public catalog
     * knows it (at most a couple of seconds old); {@link #isOpenNow} decides when storing.
     */
    public Campaign openCampaign(String slug) {
        Campaign campaign = catalog.requirePublic(slug);
        if (!campaign.acceptsSignatures(Instant.now(clock))) {
            throw new CampaignClosedException(campaign);
        }
        return campaign;
    }

    public Outcome sign(String slug, SignatureRequest request, SignatureOrigin origin) {
        for (int attempt = 1; ; attempt++) {
            try {
                return signInTransaction(slug, request, origin);
            } catch (RuntimeException failure) {
                // two submissions for the same address at once can deadlock; one retry settles it
                if (attempt == 3 || !Sql.isConflict(failure)) {
                    throw failure;
                }
            }
        }
    }

    /** One attempt; public only so that the transaction advice applies. */
    @Transactional
    public Outcome signInTransaction(String slug, SignatureRequest request, SignatureOrigin origin) {
        Campaign campaign = openCampaign(slug);
        Instant now = Instant.now(clock);
        if (!isOpenNow(campaign.id(), now)) {
            throw new CampaignClosedException(campaign);
        }
        return insertOrSignAgain(signing(campaign, request, origin), now);
    }

    /**
     * Whether the campaign takes signatures, read from the database in the signing transaction: a
     * lead's close is obeyed from the moment it is committed, whatever a cache still says.
     */
    private boolean isOpenNow(long campaignId, Instant now) {
        return campaigns.schedule(campaignId).filter(schedule -> schedule.acceptsSignatures(now)).isPresent();
    }

    /** A signature to record, for a campaign already found open; key: the mailbox's (see {@link #signing}). */
    public record Signing(Campaign campaign, SignatureRequest request, SignatureOrigin origin, ByteBuffer key) {
    }

    /** The mailbox's key is computed once here: a batch compares and writes it several times. */
    public Signing signing(Campaign campaign, SignatureRequest request, SignatureOrigin origin) {
        return new Signing(campaign, request, origin, ByteBuffer.wrap(store.mailboxKey(request.email())));
    }

    /**
     * Records signatures that arrived together, in one transaction, and says what happened to each,
     * in order. New addresses (the crowd of a viral campaign) are written with one insert for the
     * signatures and one for their emails; an address that signed before, or twice in the batch,
     * takes the path of a single signature. When another node stores one of the new addresses at the
     * same moment, the insert fails with {@link Sql.DuplicateKeyException} and the whole transaction
     * with it: the caller ({@link SigningBatcher}) then signs the batch one by one.
     */
    @Transactional(isolation = TransactionDefinition.Isolation.READ_COMMITTED)
    public List<Outcome> signAll(List<Signing> signings) {
        Instant now = Instant.now(clock);
        Outcome[] outcomes = new Outcome[signings.size()];
        Map<Long, List<Integer>> byCampaign = new LinkedHashMap<>();
        for (int i = 0; i < signings.size(); i++) {
            byCampaign.computeIfAbsent(signings.get(i).campaign().id(), id -> new ArrayList<>()).add(i);
        }
        // in the order of the keys: two nodes' batches then lock the same rows in the same order
        // instead of deadlocking; a signer's repeats keep their order, and the last one counts
        Comparator<Integer> byKey = Comparator.comparing((Integer i) -> signings.get(i).key()).thenComparing(i -> i);
        byCampaign.forEach((campaignId, indexes) -> {
            if (!isOpenNow(campaignId, now)) {
                indexes.forEach(i -> outcomes[i] = Outcome.CAMPAIGN_CLOSED);
                return;
            }
            List<Integer> fresh = new ArrayList<>();
            List<Integer> oneByOne = new ArrayList<>();
            Set<ByteBuffer> seen = new HashSet<>();
            indexes.sort(byKey);
            for (int i : indexes) {
                (seen.add(signings.get(i).key()) ? fresh : oneByOne).add(i);
            }
            Set<ByteBuffer> signedBefore = idsOf(campaignId, fresh.stream().map(signings::get).toList()).keySet();
            for (Iterator<Integer> i = fresh.iterator(); i.hasNext(); ) {
                int index = i.next();
                if (signedBefore.contains(signings.get(index).key())) {
                    i.remove();
                    oneByOne.add(index);
                }
            }
            List<Signing> newOnes = fresh.stream().map(signings::get).toList();
            // charged before the insert; if another node stored one of them meanwhile, the
            // one-by-one signing after this batch's rollback charges again: the budget errs
            // towards fewer emails
            List<SignatureStore.NewSignature> rows = newOnes.stream()
                    .map(signing -> newSignature(campaignId, signing, now, mayEmail(signing))).toList();
            if (!rows.isEmpty()) {
                store.insertAll(rows);
                Map<ByteBuffer, Long> ids = idsOf(campaignId, newOnes);
                outbox.enqueueAll(SignerEmail.CONFIRMATION, rows.stream().filter(SignatureStore.NewSignature::mailed)
                        .map(row -> ids.get(ByteBuffer.wrap(row.emailKey()))).toList(), now);
                for (int n = 0; n < fresh.size(); n++) {
                    outcomes[fresh.get(n)] = rows.get(n).mailed() ? Outcome.NEW : Outcome.NEW_UNMAILED;
                }
            }
            oneByOne.stream().sorted(byKey).forEach(i -> outcomes[i] = insertOrSignAgain(signings.get(i), now));
        });
        return List.of(outcomes);
    }

    private Map<ByteBuffer, Long> idsOf(long campaignId, List<Signing> signings) {
        return store.idsByEmailKey(campaignId, signings.stream().map(signing -> signing.key().array()).toList());
    }

    private Outcome insertOrSignAgain(Signing signing, Instant now) {
        // charged before we know whether the mailbox signed before: a repeat that the resend
        // policy then keeps from being emailed has spent one email of its sources' budget
        boolean mailed = mayEmail(signing);
        try {
            long id = store.insert(newSignature(signing.campaign().id(), signing, now, mailed));
            if (!mailed) {
                return Outcome.NEW_UNMAILED;
            }
            outbox.enqueue(SignerEmail.CONFIRMATION, id, now);
            return Outcome.NEW;
        } catch (Sql.DuplicateKeyException signedBefore) {
            return signAgain(signing.campaign().id(), signing.key().array(), signing.request(),
                    signing.origin(), mailed, now);
        }
    }

    /**
     * Whether the submission may cause an email: always, unless a rule holds it back; then only
     * within the email budget of its network and its email domain, which it is charged to.
     */
    private boolean mayEmail(Signing signing) {
        SignatureOrigin origin = signing.origin();
        return origin.hold() == null || heldEmails.tryEmail(origin.clientNetwork(),
                signing.request().email().registrableDomain());
    }

    private static SignatureStore.NewSignature newSignature(long campaignId, Signing signing, Instant now,
                                                            boolean mailed) {
        return new SignatureStore.NewSignature(campaignId, signing.key().array(), signing.request(), signing.origin(),
                now, mailed);
    }

    private Outcome signAgain(long campaignId, byte[] key, SignatureRequest request, SignatureOrigin origin,
                              boolean withinBudget, Instant now) {
        Signature existing = store.lockByEmailKey(campaignId, key)
                .orElseThrow(() -> new IllegalStateException("Duplicate signature vanished"));
        ResendPolicy resend = ResendPolicy.of(config);
        if (!resend.mayEmail(existing.lastEmailedAt(), existing.emailsSent(), now) || !withinBudget) {
            // nothing is kept: a submission no link was sent for could never be published
            return Outcome.EMAIL_SUPPRESSED;
        }
        int sentInWindow = resend.sentInWindow(existing.lastEmailedAt(), existing.emailsSent(), now);
        store.recordEmailSent(existing.id(), now, sentInWindow + 1);
        if (existing.status() == SignatureStatus.CONFIRMED) {
            // a confirmed signature is what its owner's link published; no submission changes it
            outbox.enqueue(SignerEmail.ALREADY_SIGNED, existing.id(), now);
            return Outcome.ALREADY_SIGNED_NOTICE;
        }
        // Someone who knows the address may submit it too: the repeat is kept apart, with its own
        // link, and the signature goes on holding what its first submission said. Whichever link
        // the owner of the mailbox presses publishes exactly what that link's page shows.
        Submission said = Submission.of(request, origin.hold());
        if (said.equals(existing.submission())) {
            outbox.enqueue(SignerEmail.CONFIRMATION, existing.id(), now);
        } else {
            outbox.enqueue(SignerEmail.CONFIRMATION, existing.id(), store.insertResubmission(existing.id(), said, now), now);
        }
        return Outcome.CONFIRMATION_RESENT;
    }
}
