package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.campaign.Campaign;
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
import java.util.Optional;
import java.util.Set;

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
    private final CountDeltas counts;
    private final SigningSettings config;
    private final DiscreetEmails discreet;
    private final Clock clock;

    public ConfirmationService(SignatureStore store, CampaignStore campaigns, CountDeltas counts,
                               SigningSettings config, DiscreetEmails discreet, Clock clock) {
        this.store = store;
        this.campaigns = campaigns;
        this.counts = counts;
        this.config = config;
        this.discreet = discreet;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public LinkStatus inspect(String token) {
        return find(token)
                .map(link -> new LinkStatus(stateOf(link, Instant.now(clock)), link.campaign(), preview(link),
                        link.held()))
                .orElseGet(LinkStatus::unknown);
    }

    /**
     * Confirms several links in one transaction; answers for each token in the order given (unknown
     * tokens too, and a token given twice gets "confirmed now" once and "already confirmed" once).
     * {@link ConfirmationBatcher} gathers the clicks that arrive together: one commit for many
     * confirmations instead of one each. The signature rows are locked, so two simultaneous clicks
     * (here or on another node) count once; a signature confirmed by two tokens of one batch
     * counts once too.
     */
    @Transactional
    public List<LinkStatus> confirmAll(List<String> tokens) {
        Map<ByteBuffer, String> tokenByHash = new HashMap<>();
        for (String token : tokens) {
            if (ConfirmationTokens.hasTokenShape(token)) {
                tokenByHash.put(ByteBuffer.wrap(ConfirmationTokens.hash(token)), token);
            }
        }
        Map<String, Link> links = findAll(tokenByHash);
        Instant now = Instant.now(clock);
        List<LinkStatus> answers = new ArrayList<>(tokens.size());
        Set<Long> confirmedNow = new HashSet<>();
        Map<CampaignCountry, Integer> countDeltas = new HashMap<>();
        for (String token : tokens) {
            Link link = links.get(token);
            if (link == null) {
                answers.add(LinkStatus.unknown());
                continue;
            }
            LinkState state = confirmedNow.contains(link.signatureId()) ? LinkState.ALREADY_CONFIRMED : stateOf(link, now);
            if (state == LinkState.READY) {
                state = LinkState.CONFIRMED_NOW;
                confirmedNow.add(link.signatureId());
                if (!link.held()) {
                    countDeltas.merge(new CampaignCountry(link.campaign().id(), link.country()), 1, Integer::sum);
                }
            }
            answers.add(new LinkStatus(state, link.campaign(), null, link.held()));
        }
        if (!confirmedNow.isEmpty()) {
            store.markConfirmed(confirmedNow, now);
            countDeltas.forEach((where, delta) -> counts.record(where.campaignId(), where.country(), delta, now));
        }
        return answers;
    }

    private record CampaignCountry(long campaignId, String country) {
    }

    /** The links of these token hashes, with their signature rows locked, by clear token. */
    private Map<String, Link> findAll(Map<ByteBuffer, String> tokenByHash) {
        if (tokenByHash.isEmpty()) {
            return Map.of();
        }
        List<SignatureStore.ConfirmationLink> tokenRows = store.confirmationLinks(
                tokenByHash.keySet().stream().map(ByteBuffer::array).toList());
        if (tokenRows.isEmpty()) {
            return Map.of();
        }
        Set<Long> signatureIds = new HashSet<>();
        tokenRows.forEach(row -> signatureIds.add(row.signatureId()));
        Map<Long, Signature> signatures = store.lockAll(signatureIds);
        Map<Long, Optional<Campaign>> campaignsById = new HashMap<>();
        Map<String, Link> links = new HashMap<>();
        for (SignatureStore.ConfirmationLink token : tokenRows) {
            Signature signature = signatures.get(token.signatureId());
            if (signature != null) {
                campaignsById.computeIfAbsent(signature.campaignId(), campaigns::find)
                        .ifPresent(campaign -> links.put(tokenByHash.get(token.tokenHash()),
                                new Link(signature, campaign, token.expiresAt())));
            }
        }
        return links;
    }

    private LinkState stateOf(Link link, Instant now) {
        if (link.status() == SignatureStatus.CONFIRMED) {
            return LinkState.ALREADY_CONFIRMED;
        }
        if (!now.isBefore(link.expiresAt())) {
            return LinkState.EXPIRED;
        }
        if (!link.campaign().acceptsConfirmations(now, config.closedGracePeriod())) {
            return LinkState.CAMPAIGN_CLOSED;
        }
        return LinkState.READY;
    }

    private Optional<Link> find(String token) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return Optional.empty();
        }
        return store.findByConfirmationToken(ConfirmationTokens.hash(token))
                .flatMap(linked -> campaigns.find(linked.signature().campaignId())
                        .map(campaign -> new Link(linked.signature(), campaign, linked.expiresAt())));
    }

    private SignerPreview preview(Link link) {
        Signature signature = link.signature();
        Campaign campaign = link.campaign();
        return new SignerPreview(signature.name(), signature.display(), signature.country(), signature.city(),
                campaign.discreet() ? discreet.reference(campaign.id(), new EmailAddress(signature.email())) : null);
    }

    private record Link(Signature signature, Campaign campaign, Instant expiresAt) {
        long signatureId() {
            return signature.id();
        }

        SignatureStatus status() {
            return signature.status();
        }

        boolean held() {
            return signature.isHeld();
        }

        String country() {
            return signature.country();
        }
    }
}
