package org.cfcr.petitions.campaign;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;

/**
 * What decides whether a campaign takes signatures and confirmations at a moment: its state, its
 * deadline and when it was closed. Signing and confirming read only these columns, fresh, in their
 * transaction ({@link CampaignStore#schedule}); the texts come from the catalog's memory.
 */
public record CampaignSchedule(CampaignState state, @Nullable Instant deadline, @Nullable Instant closedAt) {

    /** The state the public sees: an open campaign whose deadline has passed is closed. */
    public CampaignState effectiveState(Instant now) {
        if (state == CampaignState.OPEN && deadline != null && !now.isBefore(deadline)) {
            return CampaignState.CLOSED;
        }
        return state;
    }

    public boolean acceptsSignatures(Instant now) {
        return effectiveState(now) == CampaignState.OPEN;
    }

    /**
     * A signature made while the campaign was open may still be confirmed for a grace period after
     * it closes: the signer may read the email a day later.
     */
    public boolean acceptsConfirmations(Instant now, Duration grace) {
        return switch (effectiveState(now)) {
            case OPEN -> true;
            case DRAFT -> false;
            case CLOSED -> closedSince() != null && now.isBefore(closedSince().plus(grace));
        };
    }

    @Nullable
    private Instant closedSince() {
        if (closedAt != null && (deadline == null || closedAt.isBefore(deadline))) {
            return closedAt;
        }
        return deadline != null ? deadline : closedAt;
    }
}
