package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignCatalog;
import org.cfcr.petitions.campaign.CampaignSchedule;
import org.cfcr.petitions.campaign.CampaignStore;
import org.cfcr.petitions.count.CountDeltas;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a confirmation link into a counted signature. Looking at a link never changes anything
 * (mail scanners open links); only {@link #confirmAll} does, and it is reached by a POST.
 */
@Singleton
public class ConfirmationService {

    /** Where a link stands, each with its own page for the signer. */
    public enum LinkState { READY, CONFIRMED_NOW, ALREADY_CONFIRMED, EXPIRED, CAMPAIGN_CLOSED, UNKNOWN }

    /**
     * What pressing the button will publish, shown before the signer presses it; for a discreet
     * campaign, the reference code its email carried (null otherwise).
     */
    public record SignerPreview(String name, PublicDisplay display, String country, @Nullable String city,
                                @Nullable String reference) {
        public String publicName() {
            return display.publicName(name);
        }
    }

    /**
     * held: the signature was held back by an automatic check or a lead, so confirming it does not
     * count it yet; the signer is told it will be checked, never why.
     */
    public record LinkStatus(LinkState state, @Nullable Campaign campaign, @Nullable SignerPreview signer,
                             boolean held) {
        public LinkStatus(LinkState state, @Nullable Campaign campaign, @Nullable SignerPreview signer) {
            this(state, campaign, signer, false);
        }

        public static LinkStatus unknown() {
            return new LinkStatus(LinkState.UNKNOWN, null, null);
        }
    }

    private final SignatureStore store;
    private final CampaignStore campaigns;
    private final CampaignCatalog catalog;
    private final CountDeltas counts;
    private final SigningSettings config;
    private final DiscreetEmails discreet;
    private final Clock clock;

    public ConfirmationService(SignatureStore store, CampaignStore campaigns, CampaignCatalog catalog,
                               CountDeltas counts, SigningSettings config, DiscreetEmails discreet, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.catalog = catalog;
        this.counts = counts;
        this.config = config;
        this.discreet = discreet;
        this.clock = clock;
    }

    /** The press of a confirm button: the link, and the owner's corrections if the page's form sent any. */
    public record Click(String token, Submission.@Nullable Corrections corrections) {
    }

    /**
     * Where a link stands: {@link #inspectAll} of one (the confirm page reads its views together,
     * {@link LinkPageReads}), on a connection of its own as they are.
     */
    @Connectable
    public LinkStatus inspect(String token) {
        return inspectAll(List.of(token)).get(0);
    }

    /**
     * Where each link stands, for its page, in the order given (unknown tokens too). A page view
     * decides nothing, so the links of a whole batch of views are one statement (each with its
     * signature; the repeat submissions that links publish, one more), and each campaign is the one
     * the public sees, a moment old at most: a campaign read and two more queries per view were
     * much of what the page cost (async-profiler, bench/run's confirm row). The button's POST reads
     * all of it again, locked.
     * <p>
     * Outside a transaction (@Connectable): each statement reads what is committed when it runs,
     * and a batch pays no round trips to begin and commit one, which were two fifths of the reading
     * thread's time (async-profiler over bench/run's confirm page). The link and its signature are
     * read by one statement; the repeat submissions it may name never change once written. (In a
     * read-only transaction these reads had been belt and braces against a page shown right after
     * the button's commit that now and then still showed the link as waiting: a cache reload then
     * ran on the reader's connection from another thread, which Caches.detached has ended.)
     */
    @Connectable
    public List<LinkStatus> inspectAll(List<String> tokens) {
        Map<ByteBuffer, String> tokenByHash = ConfirmationTokens.byHash(tokens);
        List<SignatureStore.LinkedSignature> found = store.linkedSignatures(
                tokenByHash.keySet().stream().map(ByteBuffer::array).toList());
        Map<Long, Resubmission> repeats = store.resubmissions(found.stream()
                .map(linked -> linked.link().resubmissionId()).filter(Objects::nonNull).toList());
        Instant now = Instant.now(clock);
        Map<String, LinkStatus> byToken = new HashMap<>();
        for (SignatureStore.LinkedSignature linked : found) {
            SignatureStore.ConfirmationLink token = linked.link();
            Resubmission repeat = token.resubmissionId() == null ? null : repeats.get(token.resubmissionId());
            link(token, linked.signature(), repeat, campaign -> Optional.of(campaign.schedule())).ifPresent(link -> byToken.put(
                    tokenByHash.get(token.tokenHash()),
                    new LinkStatus(stateOf(link, now), link.campaign(), preview(link), link.held())));
        }
        return tokens.stream().map(token -> byToken.getOrDefault(token, LinkStatus.unknown())).toList();
    }

    /**
     * Confirms several links in one transaction; answers for each click in the order given (unknown
     * tokens too, and a signature confirmed by two clicks of one batch gets "confirmed now" once and
     * "already confirmed" after). {@link ConfirmationBatcher} gathers the clicks that arrive together:
     * one commit for many confirmations instead of one each. The signature rows are locked, so two
     * simultaneous clicks (here or on another node) count once.
     *
     * <p>Each link publishes its own submission, with the corrections its owner made on the page,
     * and nothing else: what another submission said never reaches it.
     */
    @Transactional
    public List<LinkStatus> confirmAll(List<Click> clicks) {
        Map<ByteBuffer, String> tokenByHash = ConfirmationTokens.byHash(clicks.stream().map(Click::token).toList());
        Map<String, Link> links = lockAll(tokenByHash);
        Instant now = Instant.now(clock);
        List<LinkStatus> answers = new ArrayList<>(clicks.size());
        Set<Long> confirmedNow = new HashSet<>();
        List<Long> asFirstSubmitted = new ArrayList<>();
        Map<CampaignCountry, Integer> countDeltas = new HashMap<>();
        for (Click click : clicks) {
            Link link = links.get(click.token());
            if (link == null) {
                answers.add(LinkStatus.unknown());
                continue;
            }
            LinkState state = confirmedNow.contains(link.signatureId()) ? LinkState.ALREADY_CONFIRMED : stateOf(link, now);
            boolean held = link.held();
            if (state == LinkState.READY) {
                state = LinkState.CONFIRMED_NOW;
                confirmedNow.add(link.signatureId());
                Submission published = link.submission().correctedBy(click.corrections());
                if (published.equals(link.signature().submission())) {
                    asFirstSubmitted.add(link.signatureId());
                } else {
                    store.confirmPublishing(link.signatureId(), published, now);
                }
                if (!held) {
                    countDeltas.merge(new CampaignCountry(link.campaign().id(), published.country()), 1, Integer::sum);
                }
            }
            answers.add(new LinkStatus(state, link.campaign(), null, held));
        }
        if (!confirmedNow.isEmpty()) {
            if (!asFirstSubmitted.isEmpty()) {
                store.markConfirmed(asFirstSubmitted, now);
            }
            store.deleteResubmissions(confirmedNow);
            countDeltas.forEach((where, delta) -> counts.record(where.campaignId(), where.country(), delta, now));
        }
        return answers;
    }

    private record CampaignCountry(long campaignId, String country) {
    }

    /**
     * The links of these token hashes, by clear token, each with its signature and the submission
     * it publishes; the signature rows are locked until the transaction ends.
     */
    private Map<String, Link> lockAll(Map<ByteBuffer, String> tokenByHash) {
        if (tokenByHash.isEmpty()) {
            return Map.of();
        }
        List<SignatureStore.ConfirmationLink> tokenRows = store.confirmationLinks(
                tokenByHash.keySet().stream().map(ByteBuffer::array).toList());
        if (tokenRows.isEmpty()) {
            return Map.of();
        }
        Set<Long> signatureIds = new HashSet<>();
        Set<Long> resubmissionIds = new HashSet<>();
        for (SignatureStore.ConfirmationLink row : tokenRows) {
            signatureIds.add(row.signatureId());
            if (row.resubmissionId() != null) {
                resubmissionIds.add(row.resubmissionId());
            }
        }
        Map<Long, Signature> signatures = store.lockAll(signatureIds);
        // read after the lock: a resubmission goes only under its signature's lock
        Map<Long, Resubmission> repeats = store.resubmissions(resubmissionIds);
        // whether each campaign takes confirmations is read now, in this transaction; its texts
        // come from memory like the page's
        Map<Long, Optional<CampaignSchedule>> schedules = new HashMap<>();
        Map<String, Link> links = new HashMap<>();
        for (SignatureStore.ConfirmationLink token : tokenRows) {
            Resubmission repeat = token.resubmissionId() == null ? null : repeats.get(token.resubmissionId());
            link(token, signatures.get(token.signatureId()), repeat,
                    campaign -> schedules.computeIfAbsent(campaign.id(), campaigns::schedule))
                    .ifPresent(link -> links.put(tokenByHash.get(token.tokenHash()), link));
        }
        return links;
    }

    /**
     * The link, unless its signature is gone, or it publishes a repeat submission that is gone while
     * the signature still waits (a later repeat replaced it), or its campaign is gone.
     */
    private Optional<Link> link(SignatureStore.ConfirmationLink token, @Nullable Signature signature,
                                @Nullable Resubmission repeat, Function<Campaign, Optional<CampaignSchedule>> scheduleOf) {
        boolean repeatGone = token.resubmissionId() != null && repeat == null;
        // a removal erases the links, but a click that read its link before that commit finds the
        // signature removed once it holds its lock: removed is final, the link is gone
        if (signature == null || signature.status() == SignatureStatus.WITHDRAWN
                || repeatGone && signature.status() == SignatureStatus.PENDING) {
            return Optional.empty();
        }
        return catalog.byId(signature.campaignId()).flatMap(campaign -> scheduleOf.apply(campaign)
                .map(schedule -> new Link(signature, repeat, campaign, schedule, token.expiresAt())));
    }

    private LinkState stateOf(Link link, Instant now) {
        if (link.signature().status() == SignatureStatus.CONFIRMED) {
            return LinkState.ALREADY_CONFIRMED;
        }
        if (!now.isBefore(link.expiresAt())) {
            return LinkState.EXPIRED;
        }
        if (!link.schedule().acceptsConfirmations(now, config.closedGracePeriod())) {
            return LinkState.CAMPAIGN_CLOSED;
        }
        return LinkState.READY;
    }

    /** What the link's page shows: its own submission, and for a discreet campaign the signer's reference. */
    private SignerPreview preview(Link link) {
        Submission said = link.submission();
        Campaign campaign = link.campaign();
        return new SignerPreview(said.name(), said.display(), said.country(), said.city(),
                campaign.discreet() ? discreet.reference(campaign.id(), new EmailAddress(said.email())) : null);
    }

    /**
     * A link, its signature, the repeat submission it publishes (null: the signature's first), its
     * campaign and what decides whether that takes confirmations.
     */
    private record Link(Signature signature, @Nullable Resubmission resubmission, Campaign campaign,
                        CampaignSchedule schedule, Instant expiresAt) {
        long signatureId() {
            return signature.id();
        }

        Submission submission() {
            return resubmission == null ? signature.submission() : resubmission.said();
        }

        /**
         * Held by its own submission's screening, or by a lead's invalidation of the signature; once
         * the signature is confirmed, whatever the confirmed submission was.
         */
        boolean held() {
            if (signature.status() != SignatureStatus.PENDING) {
                return signature.isHeld();
            }
            return submission().holdRule() != null || signature.invalidationId() != null;
        }
    }
}
