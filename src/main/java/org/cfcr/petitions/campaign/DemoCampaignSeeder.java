package org.cfcr.petitions.campaign;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.core.io.ResourceResolver;
import io.micronaut.core.type.Argument;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Loads the coalition's two campaigns when {@code SEED_DEMO_CAMPAIGNS=true}, or by default on the
 * embedded database. Idempotent, also when several nodes start at once: a campaign whose slug
 * exists is left as it is.
 */
@Singleton
class DemoCampaignSeeder implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DemoCampaignSeeder.class);

    private final CampaignRepository campaigns;
    private final ResourceResolver resources;
    private final ObjectMapper json;
    private final Clock clock;
    private final String seedSetting;
    private final String datasourceUrl;

    DemoCampaignSeeder(CampaignRepository campaigns, ResourceResolver resources, ObjectMapper json, Clock clock,
                       CampaignSettings settings, @Value("${datasources.default.url}") String datasourceUrl) {
        String seedSetting = settings.seedDemoCampaigns() == null ? "" : settings.seedDemoCampaigns();
        this.campaigns = campaigns;
        this.resources = resources;
        this.json = json;
        this.clock = clock;
        this.seedSetting = seedSetting;
        this.datasourceUrl = datasourceUrl;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        if (shouldSeed()) {
            seed();
        }
    }

    boolean shouldSeed() {
        if (seedSetting == null || seedSetting.isBlank()) {
            return datasourceUrl.startsWith("jdbc:h2:");
        }
        return Boolean.parseBoolean(seedSetting.trim());
    }

    void seed() {
        for (DemoCampaign demo : load()) {
            if (campaigns.findBySlug(demo.slug()).isPresent()) {
                continue;
            }
            try {
                campaigns.save(demo.toCampaign(Instant.now(clock)));
                LOG.info("Loaded demo campaign {}", demo.slug());
            } catch (DataAccessException anotherNodeWasFaster) {
                LOG.debug("Demo campaign {} already loaded", demo.slug());
            }
        }
    }

    private List<DemoCampaign> load() {
        try (InputStream in = resources.getResourceAsStream("classpath:seed/demo-campaigns.json").orElseThrow()) {
            return json.readValue(in, Argument.listOf(DemoCampaign.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed/demo-campaigns.json", e);
        }
    }
}
