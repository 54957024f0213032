package org.cfcr.petitions.retention;

import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/**
 * The retention jobs for the journeys, which run them at a time of their choosing instead of
 * waiting for the schedule. The jobs stay package-private in the service.
 */
@Singleton
public final class RetentionJobs {

    private final Retention retention;
    private final Anonymisation anonymisation;
    private final ClientAddressExpiry expiry;

    RetentionJobs(Retention retention, Anonymisation anonymisation, ClientAddressExpiry expiry) {
        this.retention = retention;
        this.anonymisation = anonymisation;
        this.expiry = expiry;
    }

    public int purgeUnconfirmed(Instant now) {
        return retention.purgeUnconfirmed(now);
    }

    public List<Long> anonymisationDue(Instant now) {
        return anonymisation.due(now);
    }

    public long anonymise(long campaignId) {
        return anonymisation.anonymise(campaignId);
    }

    public int expireClientAddresses(Instant now) {
        return expiry.expireBatch(now);
    }
}
