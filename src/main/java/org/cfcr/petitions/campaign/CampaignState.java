package org.cfcr.petitions.campaign;

import java.util.EnumSet;
import java.util.Set;

public enum CampaignState {
    /** Being written; invisible to the public. */
    DRAFT,
    /** Public and accepting signatures. */
    OPEN,
    /** Public, counted, no longer accepting signatures. */
    CLOSED;

    /** States the public may see. */
    public static final Set<CampaignState> PUBLIC = EnumSet.of(OPEN, CLOSED);

    /**
     * The moves a lead may make: publish a draft, close an open campaign, reopen a closed one.
     * A public campaign never goes back to draft: people have signed it and links to it are out.
     * {@link CampaignLifecycle} adds the conditions (texts complete, deadline ahead).
     */
    public boolean canMoveTo(CampaignState target) {
        return switch (this) {
            case DRAFT -> target == OPEN;
            case OPEN -> target == CLOSED;
            case CLOSED -> target == OPEN;
        };
    }
}
