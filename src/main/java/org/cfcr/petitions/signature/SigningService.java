package org.cfcr.petitions.signature;

import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignClosedException;
import org.cfcr.petitions.db.Sql;
import org.cfcr.petitions.mail.EmailKind;
import org.cfcr.petitions.mail.Outbox;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
 */
@Singleton
public class SigningService {

    /** What happened, for logs and tests; never shown to the signer. */
    public enum Outcome { NEW, CONFIRMATION_RESENT, ALREADY_SIGNED_NOTICE, EMAIL_SUPPRESSED }

    static final Duration EMAIL_WINDOW = Duration.ofDays(1);

    private static final String INSERT = "INSERT INTO signature (campaign_id, email_key, email, name, country, city, "
            + "public_display, email_updates, lang, status, created_at, last_emailed_at, emails_sent, "
            + "client_hash, client_prefix, hold_rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)";

    private final CampaignCatalog catalog;
    private final Sql sql;
    private final Outbox outbox;
    private final PetitionsConfig config;
    private final Clock clock;

    public SigningService(CampaignCatalog catalog, Sql sql, Outbox outbox, PetitionsConfig config, Clock clock) {
        this.catalog = catalog;
        this.sql = sql;
        this.outbox = outbox;
        this.config = config;
        this.clock = clock;
    }

    /** The campaign open for signing under this slug, or why there is none. */
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
            } catch (Sql.TransientException conflict) {
                // two submissions for the same address at once can deadlock; one retry settles it
                if (attempt == 3) {
                    throw conflict;
                }
            }
        }
    }

    /** One attempt; public only so that the transaction advice applies. */
    @Transactional
    public Outcome signInTransaction(String slug, SignatureRequest request, SignatureOrigin origin) {
        Campaign campaign = openCampaign(slug);
        return insertOrSignAgain(new Signing(campaign, request, origin), Instant.now(clock));
    }

    /** A signature to record, for a campaign already found open. */
    public record Signing(Campaign campaign, SignatureRequest request, SignatureOrigin origin, ByteBuffer key) {
        /** The email's key is hashed once here: a batch compares and writes it several times. */
        public Signing(Campaign campaign, SignatureRequest request, SignatureOrigin origin) {
            this(campaign, request, origin, ByteBuffer.wrap(request.email().key()));
        }
    }

    /**
     * Records signatures that arrived together, in one transaction, and says what happened to each,
     * in order. New addresses (the crowd of a viral campaign) are written with one insert for the
     * signatures and one for their emails; an address that signed before, or twice in the batch,
     * or that another node stores at the same moment, takes the path of a single signature.
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
            if (!newOnes.isEmpty() && insertAll(campaignId, newOnes, now)) {
                Map<ByteBuffer, Long> ids = idsOf(campaignId, newOnes);
                outbox.enqueueAll(EmailKind.CONFIRMATION, newOnes.stream().map(s -> ids.get(s.key())).toList(), now);
                fresh.forEach(i -> outcomes[i] = Outcome.NEW);
            } else {
                oneByOne.addAll(fresh);
            }
            oneByOne.stream().sorted(byKey).forEach(i -> outcomes[i] = insertOrSignAgain(signings.get(i), now));
        });
        return List.of(outcomes);
    }

    private Map<ByteBuffer, Long> idsOf(long campaignId, List<Signing> signings) {
        if (signings.isEmpty()) {
            return Map.of();
        }
        Sql.In keys = Sql.in(signings.stream().map(signing -> signing.key().array()).toList());
        Map<ByteBuffer, Long> ids = new HashMap<>();
        sql.forEach("SELECT id, email_key FROM signature WHERE campaign_id = ? AND email_key IN (" + keys.placeholders() + ")",
                row -> ids.put(ByteBuffer.wrap(row.getBytes("email_key")), row.getLong("id")), keys.after(campaignId));
        return ids;
    }

    /** False when one of the addresses was stored meanwhile (by another node): nothing was inserted. */
    private boolean insertAll(long campaignId, List<Signing> signings, Instant now) {
        try {
            sql.batch(INSERT, signings.stream().map(signing -> insertValues(campaignId, signing, now)).toList());
            return true;
        } catch (Sql.DuplicateKeyException storedMeanwhile) {
            return false;
        }
    }

    private Outcome insertOrSignAgain(Signing signing, Instant now) {
        try {
            long id = sql.insert(INSERT, insertValues(signing.campaign().id(), signing, now));
            outbox.enqueue(EmailKind.CONFIRMATION, id, now);
            return Outcome.NEW;
        } catch (Sql.DuplicateKeyException signedBefore) {
            return signAgain(signing.campaign().id(), signing.key().array(), signing.request(),
                    signing.origin(), now);
        }
    }

    private static Object[] insertValues(long campaignId, Signing signing, Instant now) {
        SignatureRequest request = signing.request();
        SignatureOrigin origin = signing.origin();
        return new Object[]{campaignId, signing.key().array(), request.email().value(), request.name(),
                request.country(), request.city(), request.publicDisplay(), request.emailUpdates(),
                request.lang().code(), SignatureStatus.PENDING, now, now, origin.clientHash(), origin.clientNetwork(),
                origin.holdName()};
    }

    private Outcome signAgain(long campaignId, byte[] key, SignatureRequest request, SignatureOrigin origin,
                              Instant now) {
        Existing existing = sql.one("SELECT id, status, last_emailed_at, emails_sent FROM signature "
                        + "WHERE campaign_id = ? AND email_key = ? FOR UPDATE",
                row -> new Existing(row.getLong("id"), SignatureStatus.valueOf(row.getString("status")),
                        Sql.instant(row, "last_emailed_at"), row.getInt("emails_sent")),
                campaignId, key).orElseThrow(() -> new IllegalStateException("Duplicate signature vanished"));
        if (existing.status() == SignatureStatus.PENDING) {
            // Until it is confirmed, the latest submission counts: a signer may correct a typo or
            // choose to be hidden after all. The confirm page shows what the button will confirm.
            // Where it came from stays as first recorded, and a hold sticks: sending again from a
            // clean address does not wash a held signature, though a held one sent again is held.
            sql.update("UPDATE signature SET name = ?, email = ?, country = ?, city = ?, public_display = ?, "
                            + "email_updates = ?, lang = ?, hold_rule = COALESCE(hold_rule, ?) WHERE id = ?",
                    request.name(), request.email().value(), request.country(), request.city(), request.publicDisplay(),
                    request.emailUpdates(), request.lang().code(), origin.holdName(), existing.id());
        }
        int sentInWindow = existing.emailsSentInWindow(now, EMAIL_WINDOW);
        if (!mayEmailAgain(existing, sentInWindow, now)) {
            return Outcome.EMAIL_SUPPRESSED;
        }
        sql.update("UPDATE signature SET last_emailed_at = ?, emails_sent = ? WHERE id = ?",
                now, sentInWindow + 1, existing.id());
        if (existing.status() == SignatureStatus.CONFIRMED) {
            outbox.enqueue(EmailKind.ALREADY_SIGNED, existing.id(), now);
            return Outcome.ALREADY_SIGNED_NOTICE;
        }
        outbox.enqueue(EmailKind.CONFIRMATION, existing.id(), now);
        return Outcome.CONFIRMATION_RESENT;
    }

    /**
     * A repeat signer triggers at most one email per interval, and a few per day: no one can use
     * the form to flood someone's mailbox, and the owner can still get a new link tomorrow.
     */
    private boolean mayEmailAgain(Existing existing, int sentInWindow, Instant now) {
        return sentInWindow < config.maxEmailsPerSignature()
                && !now.isBefore(existing.lastEmailedAt().plus(config.resendInterval()));
    }

    /** emails_sent counts the emails since the window began; a quiet day starts a new window. */
    private record Existing(long id, SignatureStatus status, Instant lastEmailedAt, int emailsSent) {
        int emailsSentInWindow(Instant now, Duration window) {
            return now.isBefore(lastEmailedAt.plus(window)) ? emailsSent : 0;
        }
    }
}
