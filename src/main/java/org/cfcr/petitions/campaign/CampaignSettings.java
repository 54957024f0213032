package org.cfcr.petitions.campaign;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;

/**
 * Campaign settings under {@code petitions.*}.
 *
 * @param seedDemoCampaigns     true loads the coalition's two campaigns (SEED_DEMO_CAMPAIGNS); empty: only on the embedded database
 * @param deadlineCheckInterval how often a node records campaigns whose deadline passed as closed
 */
@ConfigurationProperties("petitions")
public record CampaignSettings(@Nullable String seedDemoCampaigns, Duration deadlineCheckInterval) {
}
