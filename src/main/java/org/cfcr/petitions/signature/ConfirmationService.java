package org.cfcr.petitions.signature;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.PetitionsConfig;
import org.cfcr.petitions.campaign.Campaign;
import org.cfcr.petitions.campaign.CampaignRepository;
import org.cfcr.petitions.count.CountDeltas;
import org.cfcr.petitions.db.Sql;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns a confirmation link into a counted signature. Looking at a link never changes anything
 * (mail scanners open links); only {@link #confirm} does, and it is reached by a POST.
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

        static LinkStatus unknown() {
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
        return find(token, false)
                .map(link -> new LinkStatus(stateOf(link, Instant.now(clock)), link.campaign(), link.signer(), link.held()))
                .orElseGet(LinkStatus::unknown);
    }

    @Transactional
    public LinkStatus confirm(String token) {
        Optional<Link> found = find(token, true);
        if (found.isEmpty()) {
            return LinkStatus.unknown();
        }
        Link link = found.get();
        Instant now = Instant.now(clock);
        LinkState state = stateOf(link, now);
        if (state != LinkState.READY) {
            return new LinkStatus(state, link.campaign(), null, link.held());
        }
        sql.update("UPDATE signature SET status = ?, confirmed_at = ? WHERE id = ?",
                SignatureStatus.CONFIRMED, now, link.signatureId());
        if (!link.held()) {
            counts.record(link.campaign().id(), link.country(), +1, now);
        }
        return new LinkStatus(LinkState.CONFIRMED_NOW, link.campaign(), null, link.held());
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

    private Optional<Link> find(String token, boolean lockForUpdate) {
        if (!ConfirmationTokens.hasTokenShape(token)) {
            return Optional.empty();
        }
        // Locking the signature row makes two simultaneous clicks count once.
        String sqlText = "SELECT s.id, s.status, s.name, s.public_display, s.country, s.city, s.campaign_id, t.expires_at, "
                + "s.hold_rule, s.invalidation_id "
                + "FROM confirmation_token t "
                + "JOIN signature s ON s.id = t.signature_id WHERE t.token_hash = ?"
                + (lockForUpdate ? " FOR UPDATE" : "");
        return sql.one(sqlText, row -> new LinkRow(row.getLong("id"), SignatureStatus.valueOf(row.getString("status")),
                        new SignerPreview(row.getString("name"), PublicDisplay.valueOf(row.getString("public_display")),
                                row.getString("country"), row.getString("city")),
                        row.getLong("campaign_id"), Sql.instant(row, "expires_at"),
                        SignatureStatus.isHeld(row)),
                        ConfirmationTokens.hash(token))
                .flatMap(row -> campaigns.findById(row.campaignId()).map(campaign -> row.with(campaign)));
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
