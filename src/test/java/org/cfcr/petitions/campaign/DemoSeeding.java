package org.cfcr.petitions.campaign;

import jakarta.inject.Singleton;

/** The demo campaigns' seeder, for a journey that runs it again; the seeder stays package-private. */
@Singleton
public final class DemoSeeding {

    private final DemoCampaignSeeder seeder;

    DemoSeeding(DemoCampaignSeeder seeder) {
        this.seeder = seeder;
    }

    public boolean shouldSeed() {
        return seeder.shouldSeed();
    }

    public void seed() {
        seeder.seed();
    }
}
