package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.cfcr.petitions.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one place that decides which state a campaign may go to, and applies the move with a
 * record of who made it. {@link CampaignState#canMoveTo} gives the moves; this class adds what
 * must be true for them, and says in words (a message key) why a move is refused.
 */
@Singleton
public class CampaignLifecycle {

    private final CampaignStore campaigns;
    private final AuditLog audit;
    private final Clock clock;

    public CampaignLifecycle(CampaignStore campaigns, AuditLog audit, Clock clock) {
        this.campaigns = campaigns;
        this.audit = audit;
        this.clock = clock;
    }

    /** Why the campaign cannot go to the target state now, or empty when it can. */
    public Optional<String> refusal(Campaign campaign, CampaignState target) {
        Instant now = Instant.now(clock);
        CampaignState current = campaign.effectiveState(now);
        if (current == target) {
            return Optional.of("admin.state.refused.already");
        }
        if (!current.canMoveTo(target)) {
            return Optional.of("admin.state.refused." + current.name().toLowerCase() + "To" + target.name().charAt(0)
                    + target.name().substring(1).toLowerCase());
        }
        if (target == CampaignState.OPEN) {
            if (campaign.deadline() != null && !campaign.deadline().isAfter(now)) {
                return Optional.of("admin.state.refused.deadlinePassed");
            }
            boolean complete = Stream.of(campaign.titleEn(), campaign.titleZh(), campaign.summaryEn(), campaign.summaryZh(),
                    campaign.bodyEn(), campaign.bodyZh(), campaign.targetEn(), campaign.targetZh()).noneMatch(String::isBlank);
            if (!complete) {
                return Optional.of("admin.state.refused.incomplete");
            }
        }
        return Optional.empty();
    }

    /** Moves the campaign, or returns the refusal and changes nothing. */
    @Transactional
    public Optional<String> move(long campaignId, CampaignState target, @Nullable Long byAccount) {
        Campaign campaign = campaigns.findForChange(campaignId)
                .orElseThrow(() -> new CampaignNotFoundException(String.valueOf(campaignId)));
        Optional<String> refusal = refusal(campaign, target);
        if (refusal.isPresent()) {
            return refusal;
        }
        Instant now = Instant.now(clock);
        CampaignState from = campaign.effectiveState(now);
        campaigns.moveTo(campaignId, target, target == CampaignState.CLOSED ? now : null, now);
        audit.record(byAccount, campaignId, "campaign.state", from + " → " + target);
        return Optional.empty();
    }

    /**
     * An open campaign whose deadline has passed already counts as closed everywhere
     * ({@link Campaign#effectiveState}); this records it as closed, once, on whichever node runs first.
     */
    @Scheduled(fixedDelay = "${petitions.deadline-check-interval}", initialDelay = "${petitions.deadline-check-interval}")
    @Transactional
    void closeAtDeadline() {
        Instant now = Instant.now(clock);
        for (long id : campaigns.lockOpenPastDeadline(now)) {
            campaigns.closeAtDeadline(id, now);
            audit.record(null, id, "campaign.state", "OPEN → CLOSED (deadline reached)");
        }
    }
}
