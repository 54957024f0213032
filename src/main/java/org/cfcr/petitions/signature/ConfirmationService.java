package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignRepository;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.db.Sql;

import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    /** What pressing the button will publish, shown before the signer presses it. */
    public record SignerPreview(String name, PublicDisplay display, String country, @Nullable String city) {
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

    private final Sql sql;
    private final CampaignRepository campaigns;
    private final CountDeltas counts;
    private final PetitionsConfig config;
    private final Clock clock;

    public ConfirmationService(Sql sql, CampaignRepository campaigns, CountDeltas counts, PetitionsConfig config,
                               Clock clock) {
        this.sql = sql;
        this.campaigns = campaigns;
        this.counts = counts;
        this.config = config;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public LinkStatus inspect(String token) {
        return find(token)
                .map(link -> new LinkStatus(stateOf(link, Instant.now(clock)), link.campaign(), link.signer(), link.held()))
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
            Sql.In confirmed = Sql.in(confirmedNow);
            sql.update("UPDATE signature SET status = ?, confirmed_at = ? WHERE id IN (" + confirmed.placeholders() + ")",
                    confirmed.after(SignatureStatus.CONFIRMED, now));
            countDeltas.forEach((where, delta) -> counts.record(where.campaignId(), where.country(), delta, now));
        }
        return answers;
    }

    private record CampaignCountry(long campaignId, String country) {
    }

    /**
     * The links of these token hashes, with their signature rows locked, by clear token. The
     * signature rows are locked in a query of their own, in id order: a join would lock them in
     * the order it reads the tokens, and two nodes' batches could then deadlock.
     */
    private Map<String, Link> findAll(Map<ByteBuffer, String> tokenByHash) {
        if (tokenByHash.isEmpty()) {
            return Map.of();
        }
        record TokenRow(String token, long signatureId, Instant expiresAt) {
        }
        Sql.In hashes = Sql.in(tokenByHash.keySet().stream().map(ByteBuffer::array).toList());
        List<TokenRow> tokenRows = sql.list("SELECT token_hash, signature_id, expires_at FROM confirmation_token "
                        + "WHERE token_hash IN (" + hashes.placeholders() + ")",
                row -> new TokenRow(tokenByHash.get(ByteBuffer.wrap(row.getBytes("token_hash"))),
                        row.getLong("signature_id"), Sql.instant(row, "expires_at")),
                hashes.after());
        if (tokenRows.isEmpty()) {
            return Map.of();
        }
        Set<Long> signatureIds = new HashSet<>();
        tokenRows.forEach(row -> signatureIds.add(row.signatureId()));
        Map<Long, LockedSignature> signatures = new HashMap<>();
        Sql.In ids = Sql.in(signatureIds);
        sql.forEach("SELECT id, status, name, public_display, country, city, campaign_id, hold_rule, invalidation_id "
                        + "FROM signature WHERE id IN (" + ids.placeholders() + ") ORDER BY id FOR UPDATE",
                row -> signatures.put(row.getLong("id"), new LockedSignature(SignatureStatus.valueOf(row.getString("status")),
                        preview(row), row.getLong("campaign_id"), SignatureStatus.isHeld(row))), ids.after());
        Map<Long, Optional<Campaign>> campaignsById = new HashMap<>();
        Map<String, Link> links = new HashMap<>();
        for (TokenRow token : tokenRows) {
            LockedSignature signature = signatures.get(token.signatureId());
            if (signature != null) {
                campaignsById.computeIfAbsent(signature.campaignId(), campaigns::findById)
                        .ifPresent(campaign -> links.put(token.token(), new Link(token.signatureId(), signature.status(),
                                signature.signer(), campaign, token.expiresAt(), signature.held())));
            }
        }
        return links;
    }

    private record LockedSignature(SignatureStatus status, SignerPreview signer, long campaignId, boolean held) {
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

    private static final String LINK_COLUMNS = "s.id, s.status, s.name, s.public_display, s.country, s.city, "
            + "s.campaign_id, t.expires_at, s.hold_rule, s.invalidation_id";

    private Optional<Link> find(String token) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return Optional.empty();
        }
        return sql.one("SELECT " + LINK_COLUMNS + " FROM confirmation_token t "
                                + "JOIN signature s ON s.id = t.signature_id WHERE t.token_hash = ?",
                        ConfirmationService::linkRow, ConfirmationTokens.hash(token))
                .flatMap(row -> campaigns.findById(row.campaignId()).map(campaign -> row.with(campaign)));
    }

    private static LinkRow linkRow(ResultSet row) throws SQLException {
        return new LinkRow(row.getLong("id"), SignatureStatus.valueOf(row.getString("status")), preview(row),
                row.getLong("campaign_id"), Sql.instant(row, "expires_at"), SignatureStatus.isHeld(row));
    }

    private static SignerPreview preview(ResultSet row) throws SQLException {
        return new SignerPreview(row.getString("name"), PublicDisplay.valueOf(row.getString("public_display")),
                row.getString("country"), row.getString("city"));
    }

    private record LinkRow(long signatureId, SignatureStatus status, SignerPreview signer, long campaignId,
                           Instant expiresAt, boolean held) {
        Link with(Campaign campaign) {
            return new Link(signatureId, status, signer, campaign, expiresAt, held);
        }
    }

    private record Link(long signatureId, SignatureStatus status, SignerPreview signer, Campaign campaign,
                        Instant expiresAt, boolean held) {
        String country() {
            return signer.country();
        }
    }
}
