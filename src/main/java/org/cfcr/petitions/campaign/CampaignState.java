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
}
